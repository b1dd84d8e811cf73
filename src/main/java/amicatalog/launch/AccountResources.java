package amicatalog.launch;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the account has in a region to launch into: key pairs, subnets and security groups. Read
 * live for every form and check (they change often, and a stale list would offer deleted ones).
 */
record AccountResources(List<String> keyNames, List<Subnet> subnets, List<SecurityGroup> groups) {

  record Subnet(String id, String vpcId, String zone, String cidr, boolean defaultForZone, String name) {
    String label() {
      return id + " · " + zone + " · " + vpcId + " · " + cidr + (name != null ? " · " + name : "")
          + (defaultForZone ? " · default" : "");
    }
  }

  record SecurityGroup(String id, String name, String vpcId, String description) {
    String label() {
      return id + " · " + name;
    }
  }

  static AccountResources load(Ec2Client ec2) {
    List<String> keys = ec2.describeKeyPairs().keyPairs().stream().map(k -> k.keyName()).sorted().toList();
    List<Subnet> subnets = ec2.describeSubnetsPaginator(b -> b.maxResults(1000)).subnets().stream()
        .map(s -> new Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), s.cidrBlock(),
            Boolean.TRUE.equals(s.defaultForAz()), name(s.tags())))
        .sorted(Comparator.comparing(Subnet::vpcId).thenComparing(Subnet::zone).thenComparing(Subnet::id)).toList();
    List<SecurityGroup> groups = ec2.describeSecurityGroupsPaginator(b -> b.maxResults(1000)).securityGroups().stream()
        .map(g -> new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), g.description()))
        .sorted(Comparator.comparing(SecurityGroup::vpcId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(g -> !"default".equals(g.name())).thenComparing(SecurityGroup::name)).toList();
    return new AccountResources(keys, subnets, groups);
  }

  Optional<Subnet> subnet(String id) {
    return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  Optional<SecurityGroup> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** The default VPC's subnet in the first zone, else the first subnet: where the console launches too. */
  Optional<Subnet> defaultSubnet() {
    return subnets.stream().filter(Subnet::defaultForZone).min(Comparator.comparing(Subnet::zone))
        .or(() -> subnets.stream().findFirst());
  }

  /** The VPC's "default" security group, which EC2 also uses when none is named. */
  Optional<SecurityGroup> defaultGroup(String vpcId) {
    return groups.stream().filter(g -> vpcId.equals(g.vpcId()) && "default".equals(g.name())).findFirst();
  }

  private static String name(List<Tag> tags) {
    return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
  }
}
