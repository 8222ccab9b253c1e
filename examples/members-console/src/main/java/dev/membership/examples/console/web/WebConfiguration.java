package dev.membership.examples.console.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Controller methods receive the current organisation as a parameter ({@link CurrentOrganisation}). */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
  private final CurrentOrganisation currentOrganisation;

  public WebConfiguration(CurrentOrganisation currentOrganisation) {
    this.currentOrganisation = currentOrganisation;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(currentOrganisation);
  }
}
