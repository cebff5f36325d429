package org.openstack.kuryr.neutron.http;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.PortForwardingRequest;
import org.openstack.kuryr.neutron.Ports;
import org.openstack.kuryr.neutron.RequestCounters;
import org.openstack.kuryr.neutron.RequestEvent;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Resources;
import org.openstack.kuryr.neutron.Routers;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.Tags;
import org.openstack.kuryr.neutron.Trunks;
import org.openstack.kuryr.neutron.UpdatableResources;
import org.openstack.kuryr.neutron.auth.AuthSession;
import org.openstack.kuryr.neutron.auth.AuthSessions;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.transport.HttpClients;
import org.openstack.kuryr.neutron.transport.HttpTransport;
import org.openstack.kuryr.neutron.transport.RetryPolicy;
import tools.jackson.databind.JsonNode;

/**
 * The {@link NeutronClient} over Neutron's REST API. Build one per daemon with {@link
 * #builder(AuthSettings)} and share it; it is thread-safe.
 *
 * <p>Retries: a call is retried with exponential backoff and jitter after a connection failure (a
 * POST only when the connection was never made) and after a 5xx answer to a GET, PUT or DELETE,
 * within the {@link RetryPolicy}'s attempts and deadline. Each attempt is bounded by the settings'
 * request timeout. A 401 makes the client authenticate again once and repeat the call.
 */
public final class HttpNeutronClient implements NeutronClient {
  private static final Logger LOG = Logger.getLogger(HttpNeutronClient.class.getName());

  private final HttpTransport transport;
  private final NeutronCalls calls;
  private final RequestCounters counters;
  private final AtomicReference<Capabilities> capabilities = new AtomicReference<>();
  private final UpdatableResources<Network, NetworkRequest> networks;
  private final UpdatableResources<Subnet, SubnetRequest> subnets;
  private final UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools;
  private final Ports ports;
  private final Trunks trunks;
  private final UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups;
  private final Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules;
  private final Routers routers;
  private final UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps;
  private final Tags tags;

  private HttpNeutronClient(
      HttpTransport transport, AuthSession session, RequestCounters counters) {
    this.transport = transport;
    this.calls = new NeutronCalls(transport, session);
    this.counters = counters;
    this.networks =
        HttpResources.of(ResourceKind.NETWORK, Network.class, calls, this::capabilities);
    this.subnets = HttpResources.of(ResourceKind.SUBNET, Subnet.class, calls, this::capabilities);
    this.subnetPools =
        HttpResources.of(ResourceKind.SUBNET_POOL, SubnetPool.class, calls, this::capabilities);
    this.ports = new HttpPorts(calls, this::capabilities);
    this.trunks = new HttpTrunks(calls, this::capabilities);
    this.securityGroups =
        HttpResources.of(
            ResourceKind.SECURITY_GROUP, SecurityGroup.class, calls, this::capabilities);
    this.securityGroupRules =
        HttpResources.of(
            ResourceKind.SECURITY_GROUP_RULE, SecurityGroupRule.class, calls, this::capabilities);
    this.routers = new HttpRouters(calls, this::capabilities);
    this.floatingIps =
        HttpResources.of(ResourceKind.FLOATING_IP, FloatingIp.class, calls, this::capabilities);
    this.tags = new HttpTags(calls);
  }

  /** A client over a given transport and session; for tests that watch the session. */
  static HttpNeutronClient of(HttpTransport transport, AuthSession session) {
    return new HttpNeutronClient(transport, session, new RequestCounters());
  }

  /** Starts building a client for these settings. */
  public static Builder builder(AuthSettings settings) {
    return new Builder(settings);
  }

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    return networks;
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    return subnets;
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    return subnetPools;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public Trunks trunks() {
    return trunks;
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    return securityGroups;
  }

  @Override
  public Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    return securityGroupRules;
  }

  @Override
  public Routers routers() {
    return routers;
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    return floatingIps;
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    String path = "floatingips/" + PathSegment.encode(floatingIpId) + "/port_forwardings";
    return new HttpResources<>(
        ResourceKind.PORT_FORWARDING,
        path,
        "floatingips/port_forwardings",
        "floating IP " + floatingIpId + " port forwarding",
        PortForwarding.class,
        calls,
        this::capabilities);
  }

  @Override
  public Tags tags() {
    return tags;
  }

  // Two threads racing on the first call may both ask; both get the same answer, and asking
  // twice once is cheaper than making every caller wait on a lock.
  @Override
  public Capabilities capabilities() {
    Capabilities known = capabilities.get();
    if (known != null) {
      return known;
    }
    Call call = Call.of("GET", "extensions", "extensions", "list", "extensions", null);
    Set<String> aliases = new HashSet<>();
    for (JsonNode extension : calls.json(call).path("extensions")) {
      aliases.add(extension.path("alias").asString());
    }
    Capabilities read = new Capabilities(aliases);
    LOG.fine(() -> "Neutron extensions: " + read.aliases().size());
    capabilities.compareAndSet(null, read);
    return capabilities.get();
  }

  @Override
  public RequestCounters requestCounters() {
    return counters;
  }

  @Override
  public void close() {
    transport.close();
  }

  /** Builds an {@link HttpNeutronClient}; not thread-safe. */
  public static final class Builder {
    private final AuthSettings settings;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private NeutronListener listener = NeutronListener.NONE;
    private Clock clock = Clock.systemUTC();
    private Duration renewalMargin = AuthSessions.DEFAULT_RENEWAL_MARGIN;

    private Builder(AuthSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** When to retry; {@link RetryPolicy#DEFAULT} unless set. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Told of every request, besides the client's own {@link RequestCounters}. */
    public Builder listener(NeutronListener eventListener) {
      this.listener = Objects.requireNonNull(eventListener, "eventListener");
      return this;
    }

    /** The time source for token expiry; the system clock unless set. */
    public Builder clock(Clock tokenClock) {
      this.clock = Objects.requireNonNull(tokenClock, "tokenClock");
      return this;
    }

    /** How long before expiry a Keystone token is renewed (at most half its lifetime). */
    public Builder renewalMargin(Duration margin) {
      this.renewalMargin = Objects.requireNonNull(margin, "margin");
      return this;
    }

    /**
     * The client. Nothing is sent yet: Keystone and Neutron are first asked by the first call.
     *
     * @throws IllegalArgumentException when the TLS files cannot be used
     */
    public HttpNeutronClient build() {
      var counters = new RequestCounters();
      NeutronListener both = event -> notifyBoth(counters, listener, event);
      var http = HttpClients.create(settings.tls(), settings.requestTimeout());
      var transport = new HttpTransport(http, retryPolicy, settings.requestTimeout(), both);
      AuthSession session = AuthSessions.open(settings, transport, clock, renewalMargin);
      return new HttpNeutronClient(transport, session, counters);
    }

    // A failing listener must not fail the request it is told about.
    private static void notifyBoth(
        RequestCounters counters, NeutronListener listener, RequestEvent event) {
      counters.requestFinished(event);
      try {
        listener.requestFinished(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "request listener failed", e);
      }
    }
  }
}
