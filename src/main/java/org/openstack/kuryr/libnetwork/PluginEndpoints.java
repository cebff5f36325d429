package org.openstack.kuryr.libnetwork;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.libnetwork.api.ErrorResponse;

/**
 * Every verb of the plugin protocol Kuryr answers, in one table, and the one place where failures
 * become Docker's error reply: a non-2xx status with {@code {"Err": "..."}}.
 *
 * <p>Thread-safe.
 */
public final class PluginEndpoints {
  private static final Logger LOG = Logger.getLogger(PluginEndpoints.class.getName());
  private static final ScopedValue<String> CURRENT_CALL = ScopedValue.newInstance();

  private final Map<String, PluginCall> calls = new LinkedHashMap<>();

  /**
   * @param network the {@code Plugin} and {@code NetworkDriver} verbs
   * @param ipam the {@code IpamDriver} verbs
   */
  public PluginEndpoints(NetworkDriverCalls network, IpamDriverCalls ipam) {
    calls.put("Plugin.Activate", network::activate);
    calls.put("NetworkDriver.GetCapabilities", network::getCapabilities);
    calls.put("NetworkDriver.CreateNetwork", network::createNetwork);
    calls.put("NetworkDriver.DeleteNetwork", network::deleteNetwork);
    calls.put("NetworkDriver.AllocateNetwork", network::allocateNetwork);
    calls.put("NetworkDriver.FreeNetwork", network::freeNetwork);
    calls.put("NetworkDriver.CreateEndpoint", network::createEndpoint);
    calls.put("NetworkDriver.EndpointOperInfo", network::endpointOperInfo);
    calls.put("NetworkDriver.DeleteEndpoint", network::deleteEndpoint);
    calls.put("NetworkDriver.Join", network::join);
    calls.put("NetworkDriver.Leave", network::leave);
    calls.put("NetworkDriver.ProgramExternalConnectivity", network::programExternalConnectivity);
    calls.put("NetworkDriver.RevokeExternalConnectivity", network::revokeExternalConnectivity);
    calls.put("NetworkDriver.DiscoverNew", network::discoverNew);
    calls.put("NetworkDriver.DiscoverDelete", network::discoverDelete);
    calls.put("IpamDriver.GetCapabilities", ipam::getCapabilities);
    calls.put("IpamDriver.GetDefaultAddressSpaces", ipam::getDefaultAddressSpaces);
    calls.put("IpamDriver.RequestPool", ipam::requestPool);
    calls.put("IpamDriver.ReleasePool", ipam::releasePool);
    calls.put("IpamDriver.RequestAddress", ipam::requestAddress);
    calls.put("IpamDriver.ReleaseAddress", ipam::releaseAddress);
  }

  /**
   * The plugin call the current thread is serving, e.g. {@code IpamDriver.RequestAddress}; empty on
   * threads serving none, such as background work. Lets metrics tell the Neutron requests Docker
   * waits for from the others.
   */
  public static Optional<String> currentCall() {
    return CURRENT_CALL.isBound() ? Optional.of(CURRENT_CALL.get()) : Optional.empty();
  }

  /**
   * Runs one call and serializes its reply or its failure.
   *
   * @param name {@code <Interface>.<Method>}
   */
  PluginReply dispatch(String name, byte[] body) {
    PluginCall call = calls.get(name);
    if (call == null) {
      // Docker reads 404 as "not implemented" and carries on where the verb is optional.
      return error(404, "unknown plugin call " + name);
    }
    long start = System.nanoTime();
    PluginReply reply = ScopedValue.where(CURRENT_CALL, name).call(() -> run(name, call, body));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    LOG.fine(() -> name + " -> " + reply.status() + " in " + took.toMillis() + " ms");
    return reply;
  }

  PluginReply unsupportedMethod(String httpMethod) {
    return error(405, "unsupported HTTP method " + httpMethod + ": the plugin API uses POST");
  }

  private PluginReply run(String name, PluginCall call, byte[] body) {
    try {
      return new PluginReply(200, WireJson.write(call.handle(body)));
    } catch (InvalidRequestException e) {
      LOG.warning(() -> name + " rejected: " + e.getMessage());
      return error(e.httpStatus(), e.getMessage());
    } catch (KuryrException e) {
      LOG.log(Level.SEVERE, name + " failed: " + e.getMessage(), e.getCause());
      return error(e.httpStatus(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, name + " failed unexpectedly", e);
      return error(500, "internal error in " + name + ": " + e);
    }
  }

  private static PluginReply error(int status, String message) {
    return new PluginReply(status, WireJson.write(new ErrorResponse(message)));
  }
}
