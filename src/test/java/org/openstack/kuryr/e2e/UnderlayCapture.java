package org.openstack.kuryr.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Geneve packets on an underlay interface, captured with tcpdump into a pcap file and decoded here:
 * the outer addresses, each Geneve header, and the frame it carries. Decoding in the test, rather
 * than reading tcpdump's text, lets the test assert how many encapsulations a packet carries.
 */
final class UnderlayCapture implements AutoCloseable {
  static final int GENEVE_PORT = 6081;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int PROTOCOL_UDP = 17;
  private static final int GENEVE_TRANSPARENT_ETHERNET = 0x6558;
  private static final int PCAP_HEADER_BYTES = 24;
  private static final int RECORD_HEADER_BYTES = 16;
  private static final int LINKTYPE_ETHERNET = 1;

  private final Path file;
  private final Process tcpdump;

  /**
   * One Geneve packet.
   *
   * @param outerSource the underlay source address
   * @param outerDestination the underlay destination address
   * @param vni the Geneve virtual network identifier (OVN's datapath key, not Neutron's)
   * @param encapsulations how many Geneve headers are stacked before the first non-Geneve frame
   * @param udpPayloadIsHeaderAndFrame whether the UDP datagram ends where the IP packet does and
   *     its payload is a Geneve header carrying an Ethernet frame
   * @param inner the carried frame (the innermost one when headers are stacked)
   */
  record GenevePacket(
      String outerSource,
      String outerDestination,
      int vni,
      int encapsulations,
      boolean udpPayloadIsHeaderAndFrame,
      InnerFrame inner) {}

  /**
   * The frame a Geneve header carries.
   *
   * @param sourceMac the sender's MAC, lower-case with colons
   * @param destinationMac the receiver's MAC
   * @param etherType the frame's ether type
   * @param source the IPv4 source, or {@code null} when the frame is not IPv4
   * @param destination the IPv4 destination, or {@code null}
   * @param protocol the IPv4 protocol (1 ICMP, 6 TCP, 17 UDP), or -1
   */
  record InnerFrame(
      String sourceMac,
      String destinationMac,
      int etherType,
      String source,
      String destination,
      int protocol) {
    boolean isIpv4Between(String from, String to, int ipProtocol) {
      return from.equals(source) && to.equals(destination) && protocol == ipProtocol;
    }
  }

  private UnderlayCapture(Path file, Process tcpdump) {
    this.file = file;
    this.tcpdump = tcpdump;
  }

  /** Starts capturing Geneve on {@code iface}, returning once tcpdump listens. */
  static UnderlayCapture start(String iface, Path file) {
    Path errors = file.resolveSibling(file.getFileName() + ".err");
    try {
      Process tcpdump =
          new ProcessBuilder(
                  "tcpdump",
                  "-i",
                  iface,
                  "-nn",
                  "-U",
                  "-s",
                  "0",
                  "-w",
                  file.toString(),
                  "udp",
                  "port",
                  String.valueOf(GENEVE_PORT))
              .redirectError(errors.toFile())
              .start();
      awaitListening(tcpdump, errors);
      return new UnderlayCapture(file, tcpdump);
    } catch (IOException e) {
      throw new AssertionError("cannot start tcpdump: " + e, e);
    }
  }

  private static void awaitListening(Process tcpdump, Path errors) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String said = Files.exists(errors) ? Files.readString(errors) : "";
      if (said.contains("listening on")) {
        return;
      }
      if (!tcpdump.isAlive()) {
        throw new AssertionError("tcpdump exited: " + said);
      }
      sleep(Duration.ofMillis(50));
    }
    tcpdump.destroyForcibly();
    throw new AssertionError("tcpdump did not start listening within 10 s");
  }

  /** Stops the capture and decodes what it caught. */
  List<GenevePacket> stop() {
    close();
    try {
      return decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (!tcpdump.isAlive()) {
      return;
    }
    tcpdump.destroy();
    try {
      if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
        tcpdump.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Decodes a pcap file of Ethernet frames; frames that are not Geneve over IPv4 are skipped. */
  static List<GenevePacket> decode(byte[] pcap) {
    ByteBuffer buffer = ByteBuffer.wrap(pcap);
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    int magic = buffer.getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      buffer.order(ByteOrder.BIG_ENDIAN);
    }
    if (buffer.getInt(20) != LINKTYPE_ETHERNET) {
      throw new AssertionError("not an Ethernet capture: link type " + buffer.getInt(20));
    }
    var packets = new ArrayList<GenevePacket>();
    int offset = PCAP_HEADER_BYTES;
    while (offset + RECORD_HEADER_BYTES <= pcap.length) {
      int captured = buffer.getInt(offset + 8);
      int start = offset + RECORD_HEADER_BYTES;
      byte[] frame = Arrays.copyOfRange(pcap, start, Math.min(start + captured, pcap.length));
      outerGeneve(frame).ifPresent(packets::add);
      offset = start + captured;
    }
    return packets;
  }

  private static Optional<GenevePacket> outerGeneve(byte[] frame) {
    ByteBuffer packet = ByteBuffer.wrap(frame);
    int ip = ipv4Offset(packet, 0);
    int udp = ip < 0 ? -1 : udpOffset(packet, ip);
    if (udp < 0 || unsigned16(packet, udp + 2) != GENEVE_PORT) {
      return Optional.empty();
    }
    int geneve = udp + 8;
    int headerBytes = 8 + (packet.get(geneve) & 0x3f) * 4;
    int udpEnd = udp + unsigned16(packet, udp + 4);
    int ipEnd = ip + unsigned16(packet, ip + 2);
    int innerFrame = geneve + headerBytes;
    int encapsulations = 1;
    int innermost = innerFrame;
    // Count Geneve headers stacked inside the first one: an overlay over Neutron's would add one.
    for (int next = innerGeneve(packet, innermost); next >= 0; next = innerGeneve(packet, next)) {
      encapsulations++;
      innermost = next;
    }
    boolean exact =
        unsigned16(packet, geneve + 2) == GENEVE_TRANSPARENT_ETHERNET
            && udpEnd == ipEnd
            && ipEnd <= frame.length
            && innerFrame < udpEnd;
    return Optional.of(
        new GenevePacket(
            address(frame, ip + 12),
            address(frame, ip + 16),
            (unsigned16(packet, geneve + 4) << 8) | (packet.get(geneve + 6) & 0xff),
            encapsulations,
            exact,
            inner(packet, frame, innermost)));
  }

  /** Where the next Geneve frame starts, if the frame at {@code ethernet} is Geneve; else -1. */
  private static int innerGeneve(ByteBuffer packet, int ethernet) {
    int ip = ipv4Offset(packet, ethernet);
    int udp = ip < 0 ? -1 : udpOffset(packet, ip);
    if (udp < 0 || unsigned16(packet, udp + 2) != GENEVE_PORT) {
      return -1;
    }
    int geneve = udp + 8;
    return geneve + 8 + (packet.get(geneve) & 0x3f) * 4;
  }

  private static InnerFrame inner(ByteBuffer packet, byte[] frame, int ethernet) {
    int etherType = etherType(packet, ethernet);
    int ip = ipv4Offset(packet, ethernet);
    return new InnerFrame(
        mac(frame, ethernet + 6),
        mac(frame, ethernet),
        etherType,
        ip < 0 ? null : address(frame, ip + 12),
        ip < 0 ? null : address(frame, ip + 16),
        ip < 0 ? -1 : packet.get(ip + 9) & 0xff);
  }

  private static int etherType(ByteBuffer packet, int ethernet) {
    if (packet.limit() < ethernet + 14) {
      return -1;
    }
    int type = unsigned16(packet, ethernet + 12);
    return type == ETHERTYPE_VLAN && packet.limit() >= ethernet + 18
        ? unsigned16(packet, ethernet + 16)
        : type;
  }

  /** The offset of the IPv4 header in the Ethernet frame at {@code ethernet}, or -1. */
  private static int ipv4Offset(ByteBuffer packet, int ethernet) {
    if (etherType(packet, ethernet) != ETHERTYPE_IPV4) {
      return -1;
    }
    boolean tagged = unsigned16(packet, ethernet + 12) == ETHERTYPE_VLAN;
    int ip = ethernet + (tagged ? 18 : 14);
    return packet.limit() >= ip + 20 && (packet.get(ip) >> 4) == 4 ? ip : -1;
  }

  private static int udpOffset(ByteBuffer packet, int ip) {
    int udp = ip + (packet.get(ip) & 0x0f) * 4;
    return (packet.get(ip + 9) & 0xff) == PROTOCOL_UDP && packet.limit() >= udp + 16 ? udp : -1;
  }

  private static int unsigned16(ByteBuffer packet, int offset) {
    return packet.getShort(offset) & 0xffff;
  }

  private static String address(byte[] frame, int offset) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(frame, offset, offset + 4))
          .getHostAddress();
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static String mac(byte[] frame, int offset) {
    return HexFormat.ofDelimiter(":").formatHex(frame, offset, offset + 6);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
