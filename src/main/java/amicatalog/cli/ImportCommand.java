package amicatalog.cli;

import amicatalog.Main;
import amicatalog.db.Database;
import amicatalog.image.Scope;
import amicatalog.sync.ConsoleProgress;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SnapshotImageSource.Snapshot;
import amicatalog.sync.SnapshotImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Import `aws ec2 describe-images --output json` files (plain or .gz) into the catalog."
        + " A file is a snapshot, not a complete listing, so importing never marks images removed.")
public final class ImportCommand implements Callable<Integer> {
  @Mixin Options.Store store;
  @Mixin Options.Families families;

  @Option(names = "--region", description = "Region of the images (default: the region named in each file's name)")
  String region;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "describe-images JSON files")
  List<Path> files;

  @Override
  public Integer call() {
    Config config = Options.config(store, null, null);
    if (region != null) Config.checkRegion("--region", region);
    List<Snapshot> snapshots = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isReadable(file)) throw new IllegalArgumentException(file + ": no such readable file");
      String r = region != null ? region : SnapshotImageSource.regionFromName(file.getFileName().toString());
      if (r == null) throw new IllegalArgumentException(file + ": cannot tell its region; pass --region");
      snapshots.add(Snapshot.of(file, r));
    }
    SnapshotImageSource source = new SnapshotImageSource(snapshots);
    try (Database db = Database.open(config.db())) {
      families.apply(db);
      SyncCommand.refuseTheDemo(db, config);
      RunResult result = new Indexer(db).run("import", source.regions(), EnumSet.of(Scope.IMPORT), source,
          new ConsoleProgress(System.out));
      return result.anyFailed() ? 1 : 0;
    }
  }
}
