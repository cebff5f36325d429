package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code /Plugin.Activate}: the plugin interfaces this daemon implements. */
public record ActivateResponse(@JsonProperty("Implements") List<String> implementsInterfaces) {
  /** Both drivers Kuryr serves. */
  public static final ActivateResponse KURYR =
      new ActivateResponse(List.of("NetworkDriver", "IpamDriver"));
}
