package amicatalog.actions;

import software.amazon.awssdk.services.ec2.model.Instance;

/** A started instance as the result page and the launch log show it. */
public record StartedInstance(String instanceId, String state, String instanceType, String zone, String privateIp,
    String publicIp, String consoleUrl) {

  public static StartedInstance of(String region, Instance i) {
    return new StartedInstance(i.instanceId(), i.state() == null ? "" : i.state().nameAsString(), i.instanceTypeAsString(),
        i.placement() == null ? "" : i.placement().availabilityZone(), i.privateIpAddress(), i.publicIpAddress(),
        consoleUrl(region, i.instanceId()));
  }

  public static String consoleUrl(String region, String instanceId) {
    return "https://" + region + ".console.aws.amazon.com/ec2/home?region=" + region + "#InstanceDetails:instanceId=" + instanceId;
  }
}
