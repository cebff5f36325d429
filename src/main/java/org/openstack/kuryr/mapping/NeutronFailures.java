package org.openstack.kuryr.mapping;

import java.util.function.Supplier;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.error.UnavailableException;
import org.openstack.kuryr.neutron.NeutronException;

/**
 * Turns Neutron's failures into Kuryr's, so a Neutron status never becomes the status Docker sees
 * (Docker reads a 404 as "not implemented" on some calls, for one).
 */
final class NeutronFailures {
  private static final String NO_ROOM_IN_POOL = "SubnetAllocationError";

  private NeutronFailures() {}

  /**
   * Runs a Neutron request, translating its failure.
   *
   * @param action what is being done, for the message, e.g. {@code create port on subnet X}
   */
  static <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (NeutronException e) {
      throw translate(action, e);
    }
  }

  /** Runs a Neutron request without a result, translating its failure. */
  static void run(String action, Runnable request) {
    try {
      request.run();
    } catch (NeutronException e) {
      throw translate(action, e);
    }
  }

  /**
   * The Kuryr failure for a Neutron failure met while doing {@code action}.
   *
   * @param action what Kuryr was doing, e.g. {@code create network for 1a2b3c4d5e6f}
   */
  static KuryrException translate(String action, NeutronException failure) {
    // The action names what failed; Neutron's own message would say "failed to ..." again.
    String message = "failed to " + action + ": " + failure.failure().reason();
    // Neutron answers with a 500 when a subnet pool has no room left: no retry can help that.
    if (NO_ROOM_IN_POOL.equals(failure.neutronType())) {
      return new ConflictException(
          message + " (the range is already used from that subnet pool, or the pool is full)",
          failure);
    }
    return switch (failure) {
      case NeutronException.BadRequest e -> new InvalidRequestException(message, e);
      case NeutronException.Conflict e -> new ConflictException(message, e);
      case NeutronException.OverQuota e ->
          new ConflictException(message + " (raise the project's Neutron quota)", e);
      case NeutronException.NotFound e ->
          new ConflictException(message + " (it was removed meanwhile)", e);
      case NeutronException.Unavailable e ->
          new UnavailableException(message + " (Neutron is not reachable; try again)", e);
      case NeutronException.Unauthorized e ->
          new InternalException(message + " (check the [neutron] credentials in kuryr.conf)", e);
      case NeutronException.Forbidden e ->
          new InternalException(
              message + " (Kuryr's Neutron user needs the admin role to bind ports)", e);
    };
  }
}
