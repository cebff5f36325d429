package org.openstack.kuryr.neutron.fake;

import org.openstack.kuryr.neutron.NeutronClient;

/** The fake keeps the contract that the real Neutron keeps (see the integration test). */
class FakeNeutronContractTest extends NeutronContract {
  private final FakeNeutron neutron = new FakeNeutron();

  @Override
  protected NeutronClient neutron() {
    return neutron;
  }

  @Override
  protected String boundHost() {
    return "host-1";
  }
}
