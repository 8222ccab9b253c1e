package dev.membership.examples.console.mail;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * An e-mail the development mailbox received.
 *
 * @param to the recipient
 * @param subject the subject line
 * @param body the text
 * @param link the link it carries, if any
 * @param deliveredAt when it arrived
 */
public record DeliveredMail(String to, String subject, String body, Optional<URI> link, Instant deliveredAt) {}
