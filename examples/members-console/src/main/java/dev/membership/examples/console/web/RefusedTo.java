package dev.membership.examples.console.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where an action the library refuses sends the person back to: the page named here, with the
 * library's sentence in the flash attribute {@code error}, which the page shows above its content. A
 * permission refusal is not a sentence on the page but the 403 page: the page never offered the action.
 * {@link PageAdvice} does both, once for every controller; a handler without this annotation shows
 * every refusal as the refusal page.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RefusedTo {

  /** The page to go back to, e.g. {@code /members}. */
  String value();

  /** Request parameters carried over to that page as they came (e.g. the search typed): never a password. */
  String[] keep() default {};
}
