package org.openstack.kuryr.neutron.auth;

import java.time.Clock;
import java.time.Duration;
import org.openstack.kuryr.neutron.transport.HttpTransport;

/** Opens the {@link AuthSession} that fits the credentials. Stateless. */
public final class AuthSessions {
  /** How long before its expiry a Keystone token is renewed (at most half its lifetime). */
  public static final Duration DEFAULT_RENEWAL_MARGIN = Duration.ofMinutes(5);

  private AuthSessions() {}

  /**
   * A session for the settings. Nothing is sent yet: Keystone is asked on first use.
   *
   * @param transport the transport for Keystone's requests (the one Neutron's use too)
   * @param clock the time source for token expiry
   */
  public static AuthSession open(AuthSettings settings, HttpTransport transport, Clock clock) {
    return open(settings, transport, clock, DEFAULT_RENEWAL_MARGIN);
  }

  /** Like {@link #open(AuthSettings, HttpTransport, Clock)} with a chosen renewal margin. */
  public static AuthSession open(
      AuthSettings settings, HttpTransport transport, Clock clock, Duration renewalMargin) {
    if (settings.credentials() instanceof Credentials.None) {
      return new NoAuthSession(settings.endpoint().override());
    }
    return new KeystoneSession(
        settings.credentials(), settings.endpoint(), transport, clock, renewalMargin);
  }
}
