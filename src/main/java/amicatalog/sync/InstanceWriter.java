package amicatalog.sync;

import amicatalog.db.Dialect;
import amicatalog.common.Json;
import amicatalog.db.Database;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores a region's instances from a complete listing: the region's rows become what the listing
 * saw, in one transaction, keeping when each instance was first seen. A failed listing never gets
 * here, so the rows of the last good one stay.
 */
final class InstanceWriter {
  private final Database db;

  InstanceWriter(Database db) {
    this.db = db;
  }

  /**
   * Answers how many rows went: instances the previous listing saw and this one did not (terminated).
   * With an account, only that account's instances of the region are replaced (null: the region's).
   */
  int replace(String account, String region, List<InstanceSource.ListedInstance> listed) {
    String now = Instant.now().toString();
    return db.write(h -> {
      PreparedBatch upsert = h.prepareBatch("""
          INSERT INTO instances (region, instance_id, account_id, image_id, state, launch_time, name, first_seen)
          VALUES (:region, :instanceId, :accountId, :imageId, :state, :launchTime, :name, :now)
          ON CONFLICT (region, instance_id) DO UPDATE SET account_id = excluded.account_id, image_id = excluded.image_id,
            state = excluded.state, launch_time = excluded.launch_time, name = excluded.name""");
      for (InstanceSource.ListedInstance i : listed) {
        upsert.bind("region", region).bind("now", now).bindMethods(i).add();
      }
      if (!listed.isEmpty()) upsert.execute();
      List<String> ids = listed.stream().map(InstanceSource.ListedInstance::instanceId).toList();
      return h.execute("DELETE FROM instances WHERE region = ? AND (CAST(? AS text) IS NULL OR account_id = ? OR account_id IS NULL)"
          + " AND instance_id NOT " + Dialect.of(h).inTexts("?"), region, account, account, Json.write(ids));
    });
  }
}
