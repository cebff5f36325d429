package org.openstack.kuryr.neutron.fake;

/**
 * Neutron refusing a request, as the fake's rules raise it; the fake turns it into the {@link
 * org.openstack.kuryr.neutron.NeutronException} the real client would throw, naming the request.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String neutronType;

  private Refusal(int httpStatus, String neutronType, String reason) {
    super(reason);
    this.httpStatus = httpStatus;
    this.neutronType = neutronType;
  }

  static Refusal badRequest(String neutronType, String reason) {
    return new Refusal(400, neutronType, reason);
  }

  static Refusal notFound(String neutronType, String reason) {
    return new Refusal(404, neutronType, reason);
  }

  static Refusal conflict(String neutronType, String reason) {
    return new Refusal(409, neutronType, reason);
  }

  /** An update whose expected revision ({@code If-Match}) is not the resource's. */
  static Refusal preconditionFailed(String neutronType, String reason) {
    return new Refusal(412, neutronType, reason);
  }

  /** Neutron answers some refusals with 500, e.g. a subnet pool with no room left. */
  static Refusal serverError(String neutronType, String reason) {
    return new Refusal(500, neutronType, reason);
  }

  int httpStatus() {
    return httpStatus;
  }

  String neutronType() {
    return neutronType;
  }
}
