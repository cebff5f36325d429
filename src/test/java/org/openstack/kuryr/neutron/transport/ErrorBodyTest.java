package org.openstack.kuryr.neutron.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openstack.kuryr.neutron.NeutronException;

class ErrorBodyTest {
  @Test
  void neutronErrorGivesTypeAndMessageWithDetail() {
    ErrorBody body =
        ErrorBody.parse(
            409,
            """
            {"NeutronError": {"type": "IpAddressAlreadyAllocated",
              "message": "IP address 10.0.0.5 already allocated in subnet S",
              "detail": "on port P"}}""");

    assertThat(body.type()).isEqualTo("IpAddressAlreadyAllocated");
    assertThat(body.reason())
        .isEqualTo("IP address 10.0.0.5 already allocated in subnet S (on port P)");
  }

  @Test
  void keystoneErrorGivesTitleAndMessage() {
    ErrorBody body =
        ErrorBody.parse(
            401,
            "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\","
                + " \"message\": \"The request you have made requires authentication.\"}}");

    assertThat(body.type()).isEqualTo("Unauthorized");
    assertThat(body.reason()).isEqualTo("The request you have made requires authentication.");
  }

  @Test
  void htmlPageGivesItsTitle() {
    ErrorBody body =
        ErrorBody.parse(
            502, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>x</body></html>");

    assertThat(body.type()).isNull();
    assertThat(body.reason()).isEqualTo("HTTP 502: 502 Bad Gateway");
  }

  @Test
  void emptyBodySaysSo() {
    assertThat(ErrorBody.parse(503, "  ").reason()).isEqualTo("HTTP 503 with an empty body");
    assertThat(ErrorBody.parse(503, null).reason()).isEqualTo("HTTP 503 with an empty body");
  }

  @Test
  void malformedJsonIsShownAsText() {
    assertThat(ErrorBody.parse(500, "{\"NeutronError\": ").reason())
        .isEqualTo("HTTP 500: {\"NeutronError\":");
  }

  @Test
  void jsonOfAnotherShapeIsShownAsText() {
    assertThat(ErrorBody.parse(400, "{\"message\": \"x\"}").reason())
        .isEqualTo("HTTP 400: {\"message\": \"x\"}");
  }

  @Test
  void neutronErrorWithoutMessageStillReads() {
    ErrorBody body = ErrorBody.parse(404, "{\"NeutronError\": {\"type\": \"NetworkNotFound\"}}");

    assertThat(body.reason()).isEqualTo("no message given");
    assertThat(body.type()).isEqualTo("NetworkNotFound");
  }

  @Test
  void longTextIsCutAndKeptOnOneLine() {
    String reason = ErrorBody.parse(500, "line one\n" + "x".repeat(1000)).reason();

    assertThat(reason).startsWith("HTTP 500: line one xxx").endsWith("...").hasSizeLessThan(330);
  }

  @ParameterizedTest
  @CsvSource({
    "400, , BadRequest",
    "401, , Unauthorized",
    "403, , Forbidden",
    "404, , NotFound",
    "405, , BadRequest",
    "409, SubnetInUse, Conflict",
    "409, OverQuota, OverQuota",
    "412, , Conflict",
    "413, , BadRequest",
    "500, , Unavailable",
    "503, , Unavailable"
  })
  void eachStatusBecomesItsExceptionKind(int status, String type, String kind) {
    String body =
        type == null ? "" : "{\"NeutronError\": {\"type\": \"" + type + "\", \"message\": \"m\"}}";

    NeutronException e = ErrorBody.toException(deleteSubnet(), new Response(status, body, null));

    assertThat(e.getClass().getSimpleName()).isEqualTo(kind);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.getMessage()).startsWith("failed to delete subnet S1: ");
  }

  @Test
  void revisionMismatchIsAConflictThatSaysSo() {
    var e =
        (NeutronException.Conflict)
            ErrorBody.toException(deleteSubnet(), new Response(412, "", null));

    assertThat(e.isRevisionMismatch()).isTrue();
  }

  @Test
  void messageNamesVerbResourceIdAndReason() {
    String body =
        "{\"NeutronError\": {\"type\": \"SubnetInUse\", \"message\": \"Unable to complete"
            + " operation on subnet S1: One or more ports have an IP allocation from this"
            + " subnet.\", \"detail\": \"\"}}";

    NeutronException e = ErrorBody.toException(deleteSubnet(), new Response(409, body, null));

    assertThat(e.getMessage())
        .isEqualTo(
            "failed to delete subnet S1: Unable to complete operation on subnet S1: One or more"
                + " ports have an IP allocation from this subnet.");
    assertThat(e.neutronType()).isEqualTo("SubnetInUse");
  }

  private static Exchange deleteSubnet() {
    return new Exchange(
        "network",
        "DELETE",
        URI.create("http://neutron/v2.0/subnets/S1"),
        Map.of("X-Auth-Token", "secret"),
        null,
        "subnets",
        "delete",
        "subnet",
        "S1",
        true);
  }
}
