package org.openstack.kuryr.daemon;

/** Entry point of the kuryr daemon. */
public final class Main {
  private Main() {}

  /** Starts the daemon. */
  public static void main(String[] args) {
    System.out.println("kuryr");
  }
}
