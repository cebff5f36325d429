package org.openstack.kuryr.binding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A port binder for unit tests: records plugs and unplugs, keeps which ports are plugged, and fails
 * or reports the datapath not ready when told to. Device names follow the veth binder's scheme.
 *
 * <p>Thread-safe.
 */
public final class RecordingPortBinder implements PortBinder {
  private final List<String> calls = new ArrayList<>();
  private final Map<String, BoundPort> plugged = new LinkedHashMap<>();
  private BindingException nextPlugFailure;
  private BindingException nextUnplugFailure;
  private DataplaneState dataplaneState = DataplaneState.READY;

  @Override
  public synchronized PluggedInterface plug(BoundPort port) {
    calls.add("plug " + port.portId());
    if (nextPlugFailure != null) {
      BindingException failure = nextPlugFailure;
      nextPlugFailure = null;
      throw failure;
    }
    plugged.put(port.portId(), port);
    return new PluggedInterface(
        hostDeviceName(port.portId()), containerDeviceName(port.portId()), port.macAddress());
  }

  @Override
  public synchronized void unplug(BoundPort port) {
    calls.add("unplug " + port.portId());
    if (nextUnplugFailure != null) {
      BindingException failure = nextUnplugFailure;
      nextUnplugFailure = null;
      throw failure;
    }
    plugged.remove(port.portId());
  }

  @Override
  public synchronized DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
    calls.add("await " + port.portId());
    return dataplaneState;
  }

  @Override
  public String containerDeviceName(String portId) {
    return "t_c" + portId.substring(0, 11);
  }

  @Override
  public String hostDeviceName(String portId) {
    return "tap" + portId.substring(0, 11);
  }

  /** The next plug fails with a host command failure, having plugged nothing. */
  public synchronized void failNextPlug(String reason) {
    nextPlugFailure = new HostWiringException("failed to plug: " + reason, null);
  }

  /** The next unplug fails with a host command failure, leaving the port plugged. */
  public synchronized void failNextUnplug(String reason) {
    nextUnplugFailure = new HostWiringException("failed to unplug: " + reason, null);
  }

  /** What {@link #awaitDataplaneReady} reports from now on ({@code READY} at first). */
  public synchronized void reportDataplane(DataplaneState state) {
    dataplaneState = state;
  }

  /**
   * Every call so far, in order: {@code plug <port>}, {@code await <port>}, {@code unplug <port>}.
   */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The IDs of the ports plugged now. */
  public synchronized Set<String> pluggedPorts() {
    return Set.copyOf(plugged.keySet());
  }

  /** The port as it was plugged, as the binding layer saw it. */
  public synchronized BoundPort plugged(String portId) {
    return plugged.get(portId);
  }
}
