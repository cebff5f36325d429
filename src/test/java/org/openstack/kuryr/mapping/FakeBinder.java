package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;

/**
 * A host binder that plugs nothing and records what it was asked; the dataplane is ready at once.
 */
final class FakeBinder implements PortBinder {
  final List<String> plugged = new ArrayList<>();
  final List<String> unplugged = new ArrayList<>();
  final List<BoundPort> bound = new ArrayList<>();

  @Override
  public synchronized PluggedInterface plug(BoundPort port) {
    plugged.add(port.portId());
    bound.add(port);
    return new PluggedInterface(
        hostDeviceName(port.portId()), containerDeviceName(port.portId()), port.macAddress());
  }

  @Override
  public synchronized void unplug(BoundPort port) {
    unplugged.add(port.portId());
  }

  @Override
  public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
    return DataplaneState.READY;
  }

  @Override
  public String containerDeviceName(String portId) {
    return "t_c" + portId.substring(0, 11);
  }

  @Override
  public String hostDeviceName(String portId) {
    return "tap" + portId.substring(0, 11);
  }
}
