package dev.membership.examples.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code console.*} in {@code application.properties}).
 *
 * @param baseUrl the address invitation links point to; empty to use the address of the request that sent them
 * @param pageSize rows per page on the members and audit pages
 * @param mail how e-mails leave: {@code mailbox} (the development mailbox page) or {@code smtp}
 * @param mailFrom the sender address of SMTP e-mails
 * @param demo whether to seed the demo organisation at start-up
 */
@ConfigurationProperties("console")
public record ConsoleProperties(
    @DefaultValue("") String baseUrl,
    @DefaultValue("20") int pageSize,
    @DefaultValue("mailbox") String mail,
    @DefaultValue("members-console@localhost") String mailFrom,
    @DefaultValue("true") boolean demo) {}
