package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client token, the log's copy of a request, and the CLI and Terraform equivalents. */
class LaunchRequestTest {
  static final LaunchRequest REQUEST = new LaunchRequest("us-east-1", "ami-0abc", "t3.micro", 2, "subnet-1", "vpc-1",
      "us-east-1a", List.of("sg-2", "sg-1"), "my key", "it's ${web} \"1\"", new RootVolume("/dev/xvda", 30), "111111111111");

  @Test
  void theClientTokenIsTheSameForTheSameConfirmationAndNewForANewOne() {
    String token = REQUEST.clientToken("n1");

    assertThat(token).hasSize(64).matches("[0-9a-f]+");
    assertThat(REQUEST.clientToken("n1")).isEqualTo(token);
    assertThat(REQUEST.clientToken("n2")).isNotEqualTo(token);
    LaunchRequest moreInstances = new LaunchRequest("us-east-1", "ami-0abc", "t3.micro", 3, "subnet-1", "vpc-1",
        "us-east-1a", List.of("sg-1", "sg-2"), "my key", REQUEST.name(), REQUEST.rootVolume(), REQUEST.account());
    assertThat(moreInstances.clientToken("n1")).isNotEqualTo(token);
    LaunchRequest biggerDisk = new LaunchRequest("us-east-1", "ami-0abc", "t3.micro", 2, "subnet-1", "vpc-1",
        "us-east-1a", List.of("sg-2", "sg-1"), "my key", REQUEST.name(), new RootVolume("/dev/xvda", 31), REQUEST.account());
    assertThat(biggerDisk.clientToken("n1")).isNotEqualTo(token);
  }

  @Test
  void theLogKeepsTheWholeRequest() {
    assertThat(LaunchRequest.fromLog("us-east-1", "ami-0abc", REQUEST.json())).isEqualTo(REQUEST);
  }

  @Test
  void theCliCommandQuotesWhatTheShellWouldInterpret() {
    String cli = REQUEST.cliCommand();

    assertThat(cli).startsWith("aws ec2 run-instances --region us-east-1 --image-id ami-0abc")
        .contains("--instance-type t3.micro --count 2").contains("--subnet-id subnet-1")
        .contains("--security-group-ids sg-2 sg-1").contains("--key-name 'my key'")
        .contains("'\\''s ${web} \\\"1\\\"")
        .contains("--block-device-mappings '[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"VolumeSize\":30}}]'");
  }

  @Test
  void terraformEscapesInterpolationAndQuotes() {
    String tf = REQUEST.terraform();

    assertThat(tf).contains("resource \"aws_instance\" \"it_s_web_1\" {").contains("count                  = 2")
        .contains("ami                    = \"ami-0abc\"").contains("vpc_security_group_ids = [\"sg-2\", \"sg-1\"]")
        .contains("Name = \"it's $${web} \\\"1\\\"\"")
        .contains("root_block_device {\n    volume_size = 30\n  }");
  }
}
