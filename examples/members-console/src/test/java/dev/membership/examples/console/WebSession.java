package dev.membership.examples.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's session driven by plain HTTP requests: cookies kept, redirects not followed, the CSRF
 * token read from the last page, as a browser would send it with a form.
 */
final class WebSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;
  private String csrf = "";

  WebSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A person at another address of the loopback network (127.0.0.0/8), e.g. 127.0.0.2. */
  WebSession(int port, String clientAddress) {
    this.base = "http://127.0.0.1:" + port;
    try {
      this.client = HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .localAddress(InetAddress.getByName(clientAddress))
          .build();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(clientAddress, e);
    }
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build());
    Matcher token = CSRF.matcher(response.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return response;
  }

  /** Reads the page a redirect points to, as a browser would go on. */
  HttpResponse<String> follow(HttpResponse<String> redirect) {
    String location = redirect.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("not a redirect: " + redirect.statusCode()));
    return get(location.startsWith(base) ? location.substring(base.length()) : location);
  }

  /** Posts a form with the CSRF token of the last page read. */
  HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.putIfAbsent("_csrf", csrf);
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /**
   * Posts a form as {@link #post} does, but with a {@code Host} header of the client's choosing (which
   * Java's HTTP client refuses to send): one HTTP/1.1 request over a plain socket. Returns the status.
   */
  int postWithHost(String path, Map<String, String> form, String host) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.putIfAbsent("_csrf", csrf);
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    URI target = URI.create(base + path);
    String cookie = cookies.getCookieStore().get(target).stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
    String request = "POST " + path + " HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Accept: text/html\r\n"
        + "Cookie: " + cookie + "\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + "Connection: close\r\n\r\n" + body;
    try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs in with the form; returns where the server sent the person next. */
  String signIn(String email, String password) {
    get("/signin");
    HttpResponse<String> response = post("/signin", Map.of("email", email, "password", password));
    return response.headers().firstValue("Location").orElse("");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
