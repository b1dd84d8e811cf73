package amicatalog.launch;

import amicatalog.actions.SampleAccount;
import java.util.List;

/**
 * The demo's sample account ({@link SampleAccount}) as the launch form sees it, for any region: a
 * default VPC with a subnet in each of three zones and an application VPC with two private ones,
 * their security groups, two key pairs, and a few instance types whose specifications are EC2's own
 * (DescribeInstanceTypes). Built here, never asked of AWS.
 */
final class SampleOptions {
  private static final List<String> X86 = List.of("i386", "x86_64");
  private static final List<String> ARM = List.of("arm64");
  private static final List<String> BIOS = List.of("legacy-bios");
  private static final List<String> BOTH = List.of("legacy-bios", "uefi");
  private static final List<String> UEFI = List.of("uefi");
  private static final List<String> EBS = List.of("ebs");
  private static final List<String> HVM = List.of("hvm");

  /** name, architectures, boot modes, ENA, root devices, virtualization, vCPUs, MiB, current generation, free tier. */
  static final List<InstanceType> TYPES = List.of(
      new InstanceType("t2.micro", X86, BIOS, "unsupported", EBS, HVM, 1, 1024, true, true),
      new InstanceType("t3.micro", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 1024, true, true),
      new InstanceType("t3.small", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 2048, true, false),
      new InstanceType("t3.medium", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 4096, true, false),
      new InstanceType("m7i.large", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 8192, true, false),
      new InstanceType("c7i.large", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 4096, true, false),
      new InstanceType("r7i.large", List.of("x86_64"), BOTH, "required", EBS, HVM, 2, 16384, true, false),
      new InstanceType("g4dn.xlarge", List.of("x86_64"), BOTH, "required", EBS, HVM, 4, 16384, true, false),
      new InstanceType("t4g.micro", ARM, UEFI, "required", EBS, HVM, 2, 1024, true, false),
      new InstanceType("t4g.small", ARM, UEFI, "required", EBS, HVM, 2, 2048, true, false),
      new InstanceType("t4g.medium", ARM, UEFI, "required", EBS, HVM, 2, 4096, true, false),
      new InstanceType("m7g.large", ARM, UEFI, "required", EBS, HVM, 2, 8192, true, false),
      new InstanceType("c7g.large", ARM, UEFI, "required", EBS, HVM, 2, 4096, true, false),
      // Previous generation: what paravirtual and instance-store images of the 2010s still run on.
      new InstanceType("m1.small", X86, BIOS, "unsupported", List.of("ebs", "instance-store"), List.of("hvm", "paravirtual"),
          1, 1740, false, false),
      new InstanceType("m3.medium", List.of("x86_64"), BIOS, "unsupported", List.of("ebs", "instance-store"),
          List.of("hvm", "paravirtual"), 1, 3840, false, false));

  private SampleOptions() {}

  static LaunchOptions of(LaunchImage image) {
    return new LaunchOptions(TYPES, Compatibility.compatible(image.image(), TYPES), resources(image.region()));
  }

  static AccountResources resources(String region) {
    String defaultVpc = SampleAccount.id("vpc", region, "default");
    String appVpc = SampleAccount.id("vpc", region, "app");
    List<AccountResources.Subnet> subnets = List.of(
        subnet(region, defaultVpc, "a", "172.31.0.0/20", true, null),
        subnet(region, defaultVpc, "b", "172.31.16.0/20", true, null),
        subnet(region, defaultVpc, "c", "172.31.32.0/20", true, null),
        subnet(region, appVpc, "a", "10.20.1.0/24", false, "app-private-a"),
        subnet(region, appVpc, "b", "10.20.2.0/24", false, "app-private-b"));
    List<AccountResources.SecurityGroup> groups = List.of(
        group(region, defaultVpc, "default", "default VPC security group"),
        group(region, defaultVpc, "ssh-from-office", "SSH from the office network"),
        group(region, defaultVpc, "web", "HTTP and HTTPS from anywhere"),
        group(region, appVpc, "default", "default VPC security group"),
        group(region, appVpc, "app-internal", "Traffic between the application's instances"));
    return new AccountResources(List.of("ci-builder", "ops-laptop"), subnets, groups);
  }

  private static AccountResources.Subnet subnet(String region, String vpc, String zone, String cidr, boolean isDefault,
      String name) {
    return new AccountResources.Subnet(SampleAccount.id("subnet", region, vpc + zone), vpc, region + zone, cidr, isDefault, name);
  }

  private static AccountResources.SecurityGroup group(String region, String vpc, String name, String description) {
    return new AccountResources.SecurityGroup(SampleAccount.id("sg", region, vpc + name), name, vpc, description);
  }
}
