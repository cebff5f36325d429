package org.openstack.kuryr.archfixture;

import java.io.IOException;
import java.net.http.HttpClient;

/** Breaks two layering rules on purpose, to prove that ArchitectureTest can fail. */
public final class SpawnsProcessAndSpeaksHttp {
  private SpawnsProcessAndSpeaksHttp() {}

  static Process spawn() throws IOException {
    return new ProcessBuilder("true").start();
  }

  static Process exec() throws IOException {
    return Runtime.getRuntime().exec(new String[] {"true"});
  }

  static HttpClient client() {
    return HttpClient.newHttpClient();
  }
}
