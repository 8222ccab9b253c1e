package dev.membership.examples.console.web;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.springframework.stereotype.Component;

/**
 * The host's half of domain verification: looks up a name's TXT records (the library does no network
 * I/O, and takes what was found in {@code domains().verify}). Uses the JDK's JNDI DNS provider and the
 * system's resolver; a failed lookup finds nothing. Tests replace this bean.
 */
@Component
public class DnsTxtRecords {

  /** The TXT values published at {@code name}; empty when there are none or the lookup failed. */
  public List<String> lookUp(String name) {
    Hashtable<String, String> environment = new Hashtable<>();
    environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    environment.put("com.sun.jndi.dns.timeout.initial", "2000");
    environment.put("com.sun.jndi.dns.timeout.retries", "1");
    List<String> values = new ArrayList<>();
    try {
      InitialDirContext dns = new InitialDirContext(environment);
      try {
        Attribute txt = dns.getAttributes(name, new String[] {"TXT"}).get("TXT");
        if (txt != null) {
          NamingEnumeration<?> all = txt.getAll();
          while (all.hasMore()) {
            values.add(String.valueOf(all.next()));
          }
        }
      } finally {
        dns.close();
      }
    } catch (NamingException e) {
      return List.of();
    }
    return values;
  }
}
