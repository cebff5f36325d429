package org.openstack.kuryr.neutron.fake;

import java.util.ArrayList;
import java.util.List;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Ports;

/** Ports, with Neutron's bulk create: one request, all ports or none. */
final class FakePorts extends FakeResources<Port, PortRequest> implements Ports {
  FakePorts(FakeNeutron fake, Table<Port> table) {
    super(fake, table);
  }

  @Override
  public List<Port> create(List<PortRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    List<Port> created =
        fake.call(
            "POST", collection(), "create", requests.size() + " ports", null, () -> all(requests));
    var tagged = new ArrayList<Port>();
    for (int i = 0; i < created.size(); i++) {
      List<String> tags = requests.get(i).tags();
      tagged.add(tags.isEmpty() ? created.get(i) : tagAfterCreate(created.get(i).id(), tags));
    }
    return List.copyOf(tagged);
  }

  private List<Port> all(List<PortRequest> requests) {
    var created = new ArrayList<Port>();
    try {
      for (PortRequest request : requests) {
        created.add(table.create(request));
      }
    } catch (Refusal e) {
      created.forEach(p -> table.delete(p.id()));
      throw e;
    }
    return created;
  }
}
