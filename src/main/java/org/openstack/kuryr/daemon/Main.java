package org.openstack.kuryr.daemon;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.KuryrOptions;
import org.openstack.kuryr.config.NeutronAuthOptions;
import org.openstack.kuryr.config.Option;
import org.openstack.kuryr.config.SampleConfig;
import org.openstack.kuryr.error.KuryrException;

/** Entry point of the kuryr daemon. */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  /** Runs the daemon until SIGTERM or SIGINT; exits with status 1 when it cannot start. */
  public static void main(String[] args) {
    LogFormat.install(false);
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.sampleConfig()) {
        System.out.print(sampleConfig());
        return;
      }
      Config config = Config.load(commandLine.configFiles(), commandLine.configDirs());
      LogFormat.install(config.get(KuryrOptions.DEBUG));
      LOG.info(() -> "configuration from " + config.sources());
      Daemon daemon = Daemon.start(config, System.getenv());
      try {
        daemon.awaitWired();
      } catch (ConfigException e) {
        daemon.close();
        throw e;
      }
      runUntilStopped(daemon);
    } catch (KuryrException | ConfigException e) {
      LOG.log(Level.SEVERE, "kuryr cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The sample configuration file: every option with its help, type and default. */
  static String sampleConfig() {
    var options = new ArrayList<Option<?>>(KuryrOptions.all());
    options.addAll(NeutronAuthOptions.all());
    return SampleConfig.render(options);
  }

  private static void runUntilStopped(Daemon daemon) {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
