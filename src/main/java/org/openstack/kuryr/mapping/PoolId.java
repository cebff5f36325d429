package org.openstack.kuryr.mapping;

import java.util.Optional;
import org.openstack.kuryr.error.InvalidRequestException;

/**
 * What a Docker pool ID stands for in Neutron. Docker keeps the ID and hands it back opaque.
 *
 * <ul>
 *   <li>{@code <subnet pool id>}: a pool Kuryr created for one CIDR, so its subnet is the one
 *       carved from it (the original kuryr's form, so Docker's stored IDs keep working);
 *   <li>{@code <subnet pool id>@<cidr>}: a subnet of that CIDR carved from a shared pool, the
 *       default pool or one the user named;
 *   <li>{@code subnet:<subnet id>}: a subnet the user brought.
 * </ul>
 *
 * @param subnetPoolId the subnet pool, empty for a user's subnet
 * @param cidr the subnet's CIDR when the pool alone does not identify it
 * @param subnetId the user's subnet
 */
public record PoolId(
    Optional<String> subnetPoolId, Optional<Cidr> cidr, Optional<String> subnetId) {
  private static final String SUBNET_PREFIX = "subnet:";

  /** A pool Kuryr created for one CIDR. */
  public static PoolId ofPool(String subnetPoolId) {
    return new PoolId(Optional.of(subnetPoolId), Optional.empty(), Optional.empty());
  }

  /** A subnet of {@code cidr} carved from a shared pool. */
  public static PoolId ofCarved(String subnetPoolId, Cidr cidr) {
    return new PoolId(Optional.of(subnetPoolId), Optional.of(cidr), Optional.empty());
  }

  /** A user's subnet. */
  public static PoolId ofSubnet(String subnetId) {
    return new PoolId(Optional.empty(), Optional.empty(), Optional.of(subnetId));
  }

  /**
   * Reads a pool ID as Docker sends it back.
   *
   * @throws InvalidRequestException when it is none of the forms above
   */
  public static PoolId parse(String text) {
    if (text.startsWith(SUBNET_PREFIX) && text.length() > SUBNET_PREFIX.length()) {
      return ofSubnet(text.substring(SUBNET_PREFIX.length()));
    }
    int at = text.indexOf('@');
    if (at > 0) {
      return ofCarved(text.substring(0, at), Cidr.parse(text.substring(at + 1)));
    }
    if (text.isBlank() || text.contains("/")) {
      throw new InvalidRequestException("invalid pool ID '" + text + "'");
    }
    return ofPool(text);
  }

  @Override
  public String toString() {
    if (subnetId.isPresent()) {
      return SUBNET_PREFIX + subnetId.get();
    }
    return subnetPoolId.orElseThrow() + cidr.map(c -> "@" + c).orElse("");
  }
}
