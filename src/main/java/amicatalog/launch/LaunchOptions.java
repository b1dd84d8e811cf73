package amicatalog.launch;

import amicatalog.aws.AwsAccess;
import java.util.List;

/** What the form offers for one image: the region's instance types, those that can run it, and the account's resources. */
record LaunchOptions(List<InstanceType> all, List<InstanceType> compatible, AccountResources account) {

  /** Reads EC2 (types from the hourly cache); throws the SDK's exception when EC2 cannot answer. */
  static LaunchOptions load(AwsAccess aws, LaunchImage image) {
    List<InstanceType> all = InstanceTypes.all(aws, image.region());
    return new LaunchOptions(all, Compatibility.compatible(image.image(), all), AccountResources.load(aws.ec2(image.region())));
  }

  LaunchForm defaults(LaunchImage image) {
    return LaunchForm.defaults(Compatibility.sensibleDefault(compatible).orElse(null), account, image.rootVolume());
  }
}
