package org.openstack.kuryr.mapping;

import java.util.List;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Resources;

/** Finds the Neutron resources users name in options, by UUID or by unique name. */
final class Lookups {
  private Lookups() {}

  /**
   * The resource the reference names.
   *
   * @param kind what it is, for messages, e.g. {@code network}
   * @throws InvalidRequestException when there is none, or several by that name
   */
  static <T> T require(Resources<T, ?> resources, PoolOptions.Reference reference, String kind) {
    String action = "find " + kind + " " + reference.value();
    if (reference.byId()) {
      return NeutronFailures.call(action, () -> resources.find(reference.value()))
          .orElseThrow(() -> missing(reference, kind));
    }
    List<T> found =
        NeutronFailures.call(action, () -> resources.list(Query.where("name", reference.value())));
    if (found.isEmpty()) {
      throw missing(reference, kind);
    }
    if (found.size() > 1) {
      throw new InvalidRequestException(
          found.size()
              + " Neutron "
              + kind
              + "s are named '"
              + reference.value()
              + "': name the one to use with "
              + reference.option().replace(".name", ".uuid"));
    }
    return found.getFirst();
  }

  private static InvalidRequestException missing(PoolOptions.Reference reference, String kind) {
    return new InvalidRequestException(
        "no Neutron "
            + kind
            + (reference.byId() ? " with ID '" : " named '")
            + reference.value()
            + "' (option "
            + reference.option()
            + ")");
  }
}
