package org.openstack.kuryr.mapping;

import java.util.List;

/**
 * The ports a container exposes and publishes.
 *
 * @param dockerNetworkId Docker's network ID
 * @param endpointId Docker's endpoint ID
 * @param exposedPorts {@code --expose} / {@code EXPOSE}
 * @param publishedPorts {@code -p} / {@code -P}
 */
public record ExternalConnectivity(
    String dockerNetworkId,
    String endpointId,
    List<ExposedPort> exposedPorts,
    List<PublishedPort> publishedPorts) {

  /** Copies the lists. */
  public ExternalConnectivity {
    exposedPorts = List.copyOf(exposedPorts);
    publishedPorts = List.copyOf(publishedPorts);
  }

  /** IP protocols Docker can expose. */
  public enum Protocol {
    TCP,
    UDP,
    SCTP;

    /** The protocol by IANA number, as Docker sends it (6, 17, 132). */
    public static Protocol fromNumber(int number) {
      return switch (number) {
        case 6 -> TCP;
        case 17 -> UDP;
        case 132 -> SCTP;
        default ->
            throw new org.openstack.kuryr.error.InvalidRequestException(
                "unsupported IP protocol number " + number + ": expected 6, 17 or 132");
      };
    }
  }

  /**
   * An exposed port.
   *
   * @param protocol the protocol
   * @param port the container's port
   */
  public record ExposedPort(Protocol protocol, int port) {}

  /**
   * A published port: {@code hostPort..hostPortEnd} on {@code hostIp} forwards to {@code port}.
   *
   * @param hostIp the address asked for, empty for any
   * @param hostPortEnd equal to {@code hostPort} unless a range was asked for
   */
  public record PublishedPort(
      Protocol protocol, int port, String hostIp, int hostPort, int hostPortEnd) {}
}
