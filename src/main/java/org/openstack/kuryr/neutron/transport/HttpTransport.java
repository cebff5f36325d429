package org.openstack.kuryr.neutron.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.RequestEvent;

/**
 * Sends exchanges with a bounded time per attempt and per call, and retries only where that is
 * safe: after a connection failure (for a request that must not be repeated, such as a Neutron
 * POST, only when the connection was never made, so nothing was sent), and after a 5xx answer to a
 * request that may be repeated. Every attempt is told to the listener and logged at debug level;
 * headers and bodies never are, since they carry tokens and passwords.
 *
 * <p>Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());

  private final HttpClient client;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final NeutronListener listener;

  /**
   * Creates a transport.
   *
   * @param client the HTTP client, with its TLS settings; closed with this transport
   * @param retryPolicy when to retry
   * @param requestTimeout the longest one attempt may take, from sending to the last body byte
   * @param listener told of every attempt
   */
  public HttpTransport(
      HttpClient client,
      RetryPolicy retryPolicy,
      Duration requestTimeout,
      NeutronListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Sends the exchange, retrying where safe.
   *
   * @return the answer, whatever its status (a 5xx only once retries are used up)
   * @throws NeutronException.Unavailable when no answer came
   */
  public Response send(Exchange exchange) {
    long deadlineNanos = System.nanoTime() + retryPolicy.deadline().toNanos();
    for (int attempt = 1; ; attempt++) {
      Attempt result = attempt(exchange, attempt, remaining(deadlineNanos));
      if (!shouldRetry(exchange, result)) {
        return result.answer();
      }
      Duration wait = backoff(attempt);
      if (attempt >= retryPolicy.maxAttempts() || remaining(deadlineNanos).compareTo(wait) <= 0) {
        return result.answer();
      }
      logRetry(exchange, result, attempt, wait);
      sleep(exchange, wait);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private Attempt attempt(Exchange exchange, int attempt, Duration remaining) {
    Duration timeout = remaining.compareTo(requestTimeout) < 0 ? remaining : requestTimeout;
    long start = System.nanoTime();
    Attempt result = exchangeOnce(exchange, timeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    report(exchange, attempt, result, took);
    return result;
  }

  private Attempt exchangeOnce(Exchange exchange, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      return Attempt.failed(exchange, "the call's deadline passed", false, false, null);
    }
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(request(exchange, timeout), HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> answer = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      String token = answer.headers().firstValue("X-Subject-Token").orElse(null);
      return Attempt.answered(new Response(answer.statusCode(), answer.body(), token));
    } catch (TimeoutException e) {
      future.cancel(true);
      return Attempt.failed(exchange, noAnswer(exchange, timeout), true, false, e);
    } catch (ExecutionException e) {
      return failure(exchange, e.getCause(), timeout);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return Attempt.failed(exchange, "interrupted", true, false, e);
    }
  }

  private HttpRequest request(Exchange exchange, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(exchange.uri())
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "kuryr-java");
    exchange.headers().forEach(builder::header);
    if (exchange.body() == null) {
      return builder.method(exchange.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(exchange.method(), HttpRequest.BodyPublishers.ofString(exchange.body()))
        .build();
  }

  // The JDK reports a connection that could not be made as ConnectException (refused,
  // unreachable) or HttpConnectTimeoutException; only then is it certain nothing was sent.
  // The JDK's own request timeout and the wait for its answer end the same way, whichever is first.
  private static String noAnswer(Exchange exchange, Duration timeout) {
    return "no answer from "
        + exchange.uri().getHost()
        + ":"
        + port(exchange)
        + " within "
        + seconds(timeout);
  }

  private static Attempt failure(Exchange exchange, Throwable cause, Duration timeout) {
    String where = exchange.uri().getHost() + ":" + port(exchange);
    if (cause instanceof HttpConnectTimeoutException) {
      return Attempt.failed(exchange, "timed out connecting to " + where, false, true, cause);
    }
    if (cause instanceof ConnectException) {
      return Attempt.failed(
          exchange, "cannot connect to " + where + reason(cause), false, true, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return Attempt.failed(exchange, noAnswer(exchange, timeout), true, false, cause);
    }
    String what = cause instanceof IOException ? "connection to " + where + " failed" : "failed";
    return Attempt.failed(exchange, what + reason(cause), true, true, cause);
  }

  private boolean shouldRetry(Exchange exchange, Attempt result) {
    if (result.response() != null) {
      return result.response().status() >= 500 && exchange.repeatable();
    }
    return result.retryable() && (exchange.repeatable() || !result.maybeSent());
  }

  private Duration backoff(int attempt) {
    long boundNanos = retryPolicy.backoffBound(attempt).toNanos();
    return Duration.ofNanos(boundNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(boundNanos));
  }

  private void report(Exchange exchange, int attempt, Attempt result, Duration took) {
    int status = result.response() == null ? 0 : result.response().status();
    String failure = result.error() == null ? null : result.error().failure().reason();
    var event =
        new RequestEvent(
            exchange.service(),
            exchange.method(),
            exchange.resourceLabel(),
            status,
            took,
            attempt,
            failure);
    LOG.fine(() -> summary(event));
    listener.requestFinished(event);
  }

  private static String summary(RequestEvent event) {
    String outcome = event.failure() == null ? String.valueOf(event.status()) : event.failure();
    return event.service()
        + " "
        + event.method()
        + " "
        + event.resource()
        + " -> "
        + outcome
        + " in "
        + event.duration().toMillis()
        + " ms"
        + (event.attempt() > 1 ? " (attempt " + event.attempt() + ")" : "");
  }

  private static void logRetry(Exchange exchange, Attempt result, int attempt, Duration wait) {
    LOG.log(
        Level.WARNING,
        () ->
            exchange.method()
                + " "
                + exchange.resourceLabel()
                + " attempt "
                + attempt
                + " failed ("
                + (result.response() == null
                    ? result.error().failure().reason()
                    : "HTTP " + result.response().status())
                + "), retrying in "
                + wait.toMillis()
                + " ms");
  }

  private static void sleep(Exchange exchange, Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Attempt.failed(exchange, "interrupted while waiting to retry", false, false, e).error();
    }
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  private static int port(Exchange exchange) {
    int port = exchange.uri().getPort();
    return port >= 0 ? port : exchange.uri().getScheme().equals("https") ? 443 : 80;
  }

  private static String reason(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? "" : " (" + message + ")";
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() / 1000.0 + " s";
  }

  /** One attempt: an answer, or an error with whether the request may have been sent. */
  private record Attempt(Response response, NeutronException.Unavailable error, boolean retryable) {
    static Attempt answered(Response response) {
      return new Attempt(response, null, false);
    }

    // Timeouts are not retried: a server that does not answer in time is unlikely to answer a
    // second time, and waiting twice would hold up the caller for longer than it allows.
    static Attempt failed(
        Exchange exchange, String reason, boolean maybeSent, boolean retryable, Throwable cause) {
      var failure =
          new NeutronException.Failure(
              exchange.verb(), exchange.resourceName(), exchange.resourceId(), 0, null, reason);
      return new Attempt(
          null, new NeutronException.Unavailable(failure, maybeSent, cause), retryable);
    }

    boolean maybeSent() {
      return error.mayHaveBeenApplied();
    }

    Response answer() {
      if (response == null) {
        throw error;
      }
      return response;
    }
  }
}
