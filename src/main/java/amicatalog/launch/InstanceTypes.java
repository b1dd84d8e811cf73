package amicatalog.launch;

import amicatalog.aws.AwsAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instance types each region offers, from DescribeInstanceTypes, kept in memory for an hour:
 * they change a few times a year, and listing them takes several paged calls. The whole list is
 * kept (not one filtered by architecture) so that a refused type can be refused with its reason.
 */
final class InstanceTypes {
  private static final Duration KEEP = Duration.ofHours(1);

  private record Listing(Instant at, Map<String, InstanceType> byName) {}

  /** Per AWS account (weakly, so a closed one and its listings go away), per region. */
  private static final Map<AwsAccess, Map<String, Listing>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  private InstanceTypes() {}

  static List<InstanceType> all(AwsAccess aws, String region) {
    return List.copyOf(listing(aws, region).byName().values());
  }

  private static Listing listing(AwsAccess aws, String region) {
    Map<String, Listing> regions = CACHE.computeIfAbsent(aws, a -> new ConcurrentHashMap<>());
    Listing cached = regions.get(region);
    if (cached != null && cached.at().plus(KEEP).isAfter(Instant.now())) return cached;
    Map<String, InstanceType> byName = new java.util.TreeMap<>();
    aws.ec2(region).describeInstanceTypesPaginator(b -> b.maxResults(100)).instanceTypes()
        .forEach(t -> byName.put(t.instanceTypeAsString(), InstanceType.of(t)));
    Listing fresh = new Listing(Instant.now(), Map.copyOf(byName));
    regions.put(region, fresh);
    return fresh;
  }
}
