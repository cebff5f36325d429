package org.openstack.kuryr.neutron.fake;

import java.util.List;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkRequest;
import org.openstack.kuryr.neutron.Trunks;

/** Trunks, with their subport actions, each one request as over HTTP. */
final class FakeTrunks extends FakeResources<Trunk, TrunkRequest> implements Trunks {
  private final TrunkTable trunks;

  FakeTrunks(FakeNeutron fake, TrunkTable table) {
    super(fake, table);
    this.trunks = table;
  }

  @Override
  public Trunk addSubports(String trunkId, List<SubPort> subPorts) {
    return fake.call(
        "PUT",
        "trunks/add_subports",
        "add subports to",
        noun(),
        trunkId,
        () -> trunks.addSubports(trunkId, subPorts));
  }

  @Override
  public Trunk removeSubports(String trunkId, List<String> subPortIds) {
    return fake.call(
        "PUT",
        "trunks/remove_subports",
        "remove subports from",
        noun(),
        trunkId,
        () -> trunks.removeSubports(trunkId, subPortIds));
  }

  @Override
  public List<SubPort> subports(String trunkId) {
    return fake.call(
        "GET",
        "trunks/get_subports",
        "list subports of",
        noun(),
        trunkId,
        () -> trunks.subports(trunkId));
  }
}
