package amicatalog.bench;

/** The shapes the synthetic images take after the real data: image lines and how common each is, names, products, teams. */
final class SyntheticShapes {
  private SyntheticShapes() {}

  /** Image families, each a share (out of 1,000) of all images. */
  enum Family {
    ECS_AL2(140), AL2023(80), ECS_AL2023(60), AL2(50), WINDOWS(80), UBUNTU(120), FEDORA_COREOS(70),
    DEBIAN(30), RHEL(30), MARKETPLACE(120), COMMUNITY(80), PRIVATE(90), SHARED(50);

    final int perMille;

    Family(int perMille) { this.perMille = perMille; }
  }

  static final Family[] FAMILY_TABLE = new Family[1000];

  static {
    int i = 0;
    for (Family f : Family.values()) for (int k = 0; k < f.perMille; k++) FAMILY_TABLE[i++] = f;
    if (i != FAMILY_TABLE.length) throw new IllegalStateException("family shares must add up to 1,000");
  }

  static final String[] ECS_AL2_X86 = {"ecs", "ecs-gpu", "ecs-inf", "ecs-kernel-5.10", "ecs-kernel-5.10-gpu"};
  static final String[] ECS_AL2_ARM = {"ecs", "ecs-kernel-5.10"};
  static final String[][] WINDOWS_EDITIONS = {
      // edition, first year, platform details, usage operation
      {"2016-English-Full-Base", "2017", "Windows", "RunInstances:0002"},
      {"2019-English-Full-Base", "2019", "Windows", "RunInstances:0002"},
      {"2019-English-Core-Base", "2019", "Windows", "RunInstances:0002"},
      {"2022-English-Full-Base", "2022", "Windows", "RunInstances:0002"},
      {"2022-English-Full-SQL_2022_Standard", "2023", "Windows with SQL Server Standard", "RunInstances:0006"},
      {"2025-English-Full-Base", "2025", "Windows", "RunInstances:0002"}};
  static final String[][] UBUNTU_RELEASES = {
      // codename, version, first year
      {"xenial", "16.04", "2016"}, {"bionic", "18.04", "2018"}, {"focal", "20.04", "2020"},
      {"jammy", "22.04", "2022"}, {"noble", "24.04", "2024"}};
  static final String[] FCOS_STREAMS = {"", "next", "testing", "stable"};
  static final String[][] MARKETPLACE_PRODUCTS = {
      {"bitnami-wordpress", "Bitnami WordPress"}, {"bitnami-gitlab", "Bitnami GitLab CE"},
      {"CIS-Hardened-Ubuntu-22.04-Level-1", "CIS Hardened Image Level 1 on Ubuntu Linux Server 22.04 LTS"},
      {"CIS-Hardened-Windows-2022-Level-1", "CIS Hardened Image Level 1 on Microsoft Windows Server 2022"},
      {"FortiGate-VM64-AWSONDEMAND", "FortiGate-VM64-AWSONDEMAND build"}, {"PA-VM-AWS", "Palo Alto Networks VM-Series"},
      {"nginx-plus-ubuntu", "NGINX Plus on Ubuntu"}, {"OpenVPN-Access-Server", "OpenVPN Access Server"},
      {"Rocky-9-EC2-Base", "Rocky Linux 9 (Official)"}, {"AlmaLinux-9", "AlmaLinux OS 9 (x86_64 and arm64)"},
      {"cisco-C8K", "Cisco Catalyst 8000V Edge Software"}, {"F5-BIGIP", "F5 BIG-IP Virtual Edition"},
      {"juniper-vsrx3", "Juniper Networks vSRX Next Generation Firewall"}, {"kali-last-snapshot", "Kali Linux"}};
  static final String[] COMMUNITY_BASES = {
      "ubuntu-22.04", "ubuntu-24.04", "debian-12", "rocky-9", "alma-9", "centos-7", "amzn2", "al2023",
      "arch", "alpine-3.19", "freebsd-14.0", "opensuse-15.5"};
  static final String[] APPS = {
      "base", "docker", "k8s-node", "gitlab-runner", "jenkins", "nginx", "postgres-16", "redis",
      "minecraft", "wireguard", "cuda-12", "pytorch", "api", "web", "worker", "batch", "etl", "bastion"};
  static final String[] TEAMS = {"payments", "search", "platform", "data", "identity", "mobile", "ml", "infra"};
  static final String[] ENVS = {"dev", "staging", "prod"};
}
