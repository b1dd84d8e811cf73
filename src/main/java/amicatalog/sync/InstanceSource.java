package amicatalog.sync;

import java.util.List;

/** Where a region's instances come from (the instances scope): EC2's DescribeInstances. */
public interface InstanceSource {

  /** One instance as the drift page needs it: no more than these fields are kept. */
  record ListedInstance(String instanceId, String accountId, String imageId, String state, String launchTime, String name) {}

  /**
   * Every instance of the region that is not terminated. Instances are few beside images (a region
   * holds thousands at most), so the listing is one list. Throws when it cannot be completed.
   */
  List<ListedInstance> instances(String region) throws Exception;
}
