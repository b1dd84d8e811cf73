package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The family rule on real image names: those of the demo catalog (Amazon ECS-optimized, Amazon
 * Linux 1/2/2022/2023, Windows, SUSE, Ubuntu, RHEL from moto's data; Fedora CoreOS from its
 * streams history), copied here so the test needs nothing outside the checkout, and the shapes
 * other publishers and CI pipelines use.
 */
class FamilyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # Amazon ECS-optimized, Amazon Linux 2
      amzn2-ami-ecs-hvm-2.0.20250821-arm64-ebs                        | amzn2-ami-ecs-hvm-*-arm64-ebs
      amzn2-ami-ecs-hvm-2.0.20240227-x86_64-ebs                       | amzn2-ami-ecs-hvm-*-x86_64-ebs
      amzn2-ami-ecs-gpu-hvm-2.0.20251112-x86_64-ebs                   | amzn2-ami-ecs-gpu-hvm-*-x86_64-ebs
      amzn2-ami-ecs-inf-hvm-2.0.20250117-x86_64-ebs                   | amzn2-ami-ecs-inf-hvm-*-x86_64-ebs
      amzn2-ami-ecs-kernel-5.10-hvm-2.0.20260223-arm64-ebs            | amzn2-ami-ecs-kernel-5.10-hvm-*-arm64-ebs
      amzn2-ami-ecs-kernel-5.10-gpu-hvm-2.0.20240920-x86_64-ebs       | amzn2-ami-ecs-kernel-5.10-gpu-hvm-*-x86_64-ebs
      amzn2-ami-ecs-kernel-5.10-inf-hvm-2.0.20250115-x86_64-ebs       | amzn2-ami-ecs-kernel-5.10-inf-hvm-*-x86_64-ebs
      # Amazon ECS-optimized, Amazon Linux 2022 / 2023
      al2023-ami-ecs-hvm-2023.0.20241108-kernel-6.1-x86_64            | al2023-ami-ecs-hvm-*-kernel-6.1-x86_64
      al2023-ami-ecs-hvm-2023.0.20240409-kernel-6.1-arm64             | al2023-ami-ecs-hvm-*-kernel-6.1-arm64
      al2023-ami-ecs-gpu-hvm-2023.0.20250714-kernel-6.1-x86_64-ebs    | al2023-ami-ecs-gpu-hvm-*-kernel-6.1-x86_64-ebs
      al2023-ami-ecs-neuron-hvm-2023.0.20250327-kernel-6.1-x86_64     | al2023-ami-ecs-neuron-hvm-*-kernel-6.1-x86_64
      al2022-ami-ecs-hvm-2022.0.20230127-kernel-5.15-arm64            | al2022-ami-ecs-hvm-*-kernel-5.15-arm64
      al2022-ami-ecs-hvm-2022.0.20220411-x86_64-ebs                   | al2022-ami-ecs-hvm-*-x86_64-ebs
      al2022-ami-ecs-neuron-hvm-2022.0.20221102-kernel-5.15-x86_64    | al2022-ami-ecs-neuron-hvm-*-kernel-5.15-x86_64
      # Amazon ECS-optimized, Amazon Linux 1: letter releases and dated ones are one line
      amzn-ami-2018.03.a-amazon-ecs-optimized                         | amzn-ami-*-amazon-ecs-optimized
      amzn-ami-2017.09.l-amazon-ecs-optimized                         | amzn-ami-*-amazon-ecs-optimized
      amzn-ami-2018.03.20231213-amazon-ecs-optimized                  | amzn-ami-*-amazon-ecs-optimized
      # Amazon Linux
      amzn2-ami-hvm-2.0.20260427.1-arm64-gp2                          | amzn2-ami-hvm-*-arm64-gp2
      amzn2-ami-hvm-2.0.20180810-x86_64-gp2                           | amzn2-ami-hvm-*-x86_64-gp2
      amzn2-ami-kernel-5.10-hvm-2.0.20260427.1-x86_64-ebs             | amzn2-ami-kernel-5.10-hvm-*-x86_64-ebs
      amzn2-ami-minimal-kernel-5.10-hvm-2.0.20260216.0-arm64-gp2      | amzn2-ami-minimal-kernel-5.10-hvm-*-arm64-gp2
      al2023-ami-2023.11.20260427.1-kernel-6.1-arm64                  | al2023-ami-*-kernel-6.1-arm64
      al2023-ami-2023.10.20260216.1-kernel-6.12-x86_64                | al2023-ami-*-kernel-6.12-x86_64
      al2023-ami-minimal-2023.11.20260427.1-kernel-6.18-x86_64        | al2023-ami-minimal-*-kernel-6.18-x86_64
      al2022-ami-2022.0.20220728.1-kernel-5.15-arm64                  | al2022-ami-*-kernel-5.15-arm64
      amzn-ami-hvm-2018.03.0.20231218.0-x86_64-gp2                    | amzn-ami-hvm-*-x86_64-gp2
      amzn-ami-hvm-2017.09.1.20171103-x86_64-gp2                      | amzn-ami-hvm-*-x86_64-gp2
      amzn-ami-minimal-pv-2.0.20180810-x86_64-gp2                     | amzn-ami-minimal-pv-*-x86_64-gp2
      amzn-ami-vpc-nat-2018.03.0.20210721.0-x86_64-ebs                | amzn-ami-vpc-nat-*-x86_64-ebs
      # Fedora CoreOS (stable, testing and next streams are one line per architecture)
      fedora-coreos-44.20260707.3.1-x86_64                            | fedora-coreos-*-x86_64
      fedora-coreos-30.20190716.0-x86_64                              | fedora-coreos-*-x86_64
      fedora-coreos-41.20250331.3.0-x86_64                            | fedora-coreos-*-x86_64
      fedora-coreos-37.20221127.1.0-x86_64                            | fedora-coreos-*-x86_64
      fedora-coreos-43.20251214.2.0-aarch64                           | fedora-coreos-*-aarch64
      fedora-coreos-44.20260720.1.1-aarch64                           | fedora-coreos-*-aarch64
      fedora-coreos-34.20210821.3.0-aarch64                           | fedora-coreos-*-aarch64
      # Windows, SUSE, Ubuntu, RHEL (from moto's amis.json)
      Windows_Server-2016-English-Full-Base-2017.10.13                | Windows_Server-2016-English-Full-Base-*
      Windows_Server-2019-English-Full-ECS_Optimized-2019.05.10       | Windows_Server-2019-English-Full-ECS_Optimized-*
      Windows_Server-2012-R2_RTM-English-64Bit-SQL_2016_SP1_Web-2017.10.13 | Windows_Server-2012-R2_RTM-English-64Bit-SQL_2016_SP1_Web-*
      Windows_Server-2019-English-Core-EKS_Optimized                  | Windows_Server-2019-English-Core-EKS_Optimized
      suse-sles-12-sp3-v20170907-hvm-ssd-x86_64                       | suse-sles-12-sp3-*-hvm-ssd-x86_64
      ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-20170721 | ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-*
      RHEL-7.4_HVM_GA-20170808-x86_64-2-Hourly2-GP2                   | RHEL-7.4_HVM_GA-*-x86_64-*-Hourly2-GP2
      # no version stamp at all: the name is its own family
      amazon-eks-node-linux                                           | amazon-eks-node-linux
      Deep Learning AMI Amazon Linux - 3.3_Oct2017                    | Deep Learning AMI Amazon Linux - 3.3_Oct2017
      team-base-1                                                     | team-base-1
      # other publishers and pipelines
      debian-12-amd64-20240201-1644                                   | debian-12-amd64-*
      ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20240701 | ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*
      ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1 | ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*
      RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3                   | RHEL-9.4.0_HVM-*-x86_64-*-Hourly2-GP3
      payments-api-prod-202405171230                                  | payments-api-prod-*
      web-ubuntu-22.04-arm64-20230911-417                             | web-ubuntu-22.04-arm64-*
      myapp-2024-01-15                                                | myapp-*
      myapp_2024-01-15_1030                                           | myapp_*
      packer-1700000000                                               | packer-*
      service-v1.29.4-x86_64                                          | service-*-x86_64
      bitnami-wordpress-6.4.3-0-linux-debian-12-x86_64-hvm-ebs        | bitnami-wordpress-*-linux-debian-12-x86_64-hvm-ebs
      custom-kernel-5.10.220-build                                    | custom-kernel-5.10.220-build
      owner-125523088429-base                                         | owner-125523088429-base
      """, commentCharacter = '#')
  void abstractsTheVersionStampAndKeepsTheRest(String name, String family) {
    assertThat(Family.key(name)).isEqualTo(family);
  }

  @Test
  void everyVersionOfALineHasTheSameKeyAndOtherLinesDoNot() {
    List<String> names = List.of(
        "amzn2-ami-ecs-hvm-2.0.20240227-arm64-ebs", "amzn2-ami-ecs-hvm-2.0.20250821-arm64-ebs",
        "amzn2-ami-ecs-hvm-2.0.20240227-x86_64-ebs", "amzn2-ami-ecs-hvm-2.0.20251216-x86_64-ebs",
        "amzn2-ami-ecs-kernel-5.10-hvm-2.0.20240227-arm64-ebs", "amzn2-ami-ecs-kernel-5.10-hvm-2.0.20251205-arm64-ebs",
        "al2023-ami-ecs-hvm-2023.0.20240305-kernel-6.1-arm64", "al2023-ami-ecs-hvm-2023.0.20260108-kernel-6.1-arm64",
        "fedora-coreos-31.20200113.3.1-x86_64", "fedora-coreos-44.20260523.3.1-x86_64",
        "fedora-coreos-35.20220103.2.0-aarch64", "fedora-coreos-43.20260202.1.1-aarch64");
    Map<String, List<String>> families = names.stream()
        .collect(Collectors.groupingBy(Family::key, TreeMap::new, Collectors.toList()));
    assertThat(families).hasSize(6).allSatisfy((key, members) -> assertThat(members).hasSize(2));
    assertThat(families).containsKeys("amzn2-ami-ecs-hvm-*-arm64-ebs", "amzn2-ami-ecs-hvm-*-x86_64-ebs",
        "amzn2-ami-ecs-kernel-5.10-hvm-*-arm64-ebs", "al2023-ami-ecs-hvm-*-kernel-6.1-arm64",
        "fedora-coreos-*-x86_64", "fedora-coreos-*-aarch64");
  }

  @Test
  void onlyRealDatesCount() {
    assertThat(Family.key("image-20241301-x")).as("month 13").isEqualTo("image-20241301-x");
    assertThat(Family.key("image-18991231-x")).as("before 1990").isEqualTo("image-18991231-x");
    assertThat(Family.key("image-123456789-x")).as("9 digits").isEqualTo("image-123456789-x");
    assertThat(Family.key("image-v20171301-x")).as("month 13, after a v").isEqualTo("image-v20171301-x");
    assertThat(Family.key("image-2017.13.01-20240101")).as("a dotted number next to a date stays")
        .isEqualTo("image-2017.13.01-*");
  }

  @Test
  void emptyAndNull() {
    assertThat(Family.key(null)).isNull();
    assertThat(Family.key("")).isEmpty();
    assertThat(Family.key("20240101")).isEqualTo("*");
    assertThat(Family.key("--20240101--")).isEqualTo("--*--");
  }
}
