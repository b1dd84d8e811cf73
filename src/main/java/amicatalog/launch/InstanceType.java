package amicatalog.launch;

import java.util.List;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/** What launching needs to know about one instance type, from DescribeInstanceTypes. */
record InstanceType(String name, List<String> architectures, List<String> bootModes, String ena,
    List<String> rootDeviceTypes, List<String> virtualizationTypes, int vcpus, long memoryMib,
    boolean currentGeneration, boolean freeTier) {

  static InstanceType of(InstanceTypeInfo t) {
    return new InstanceType(t.instanceTypeAsString(),
        t.processorInfo() == null ? List.of() : t.processorInfo().supportedArchitecturesAsStrings(),
        t.supportedBootModesAsStrings(),
        t.networkInfo() == null ? null : t.networkInfo().enaSupportAsString(),
        t.supportedRootDeviceTypesAsStrings(), t.supportedVirtualizationTypesAsStrings(),
        t.vCpuInfo() == null || t.vCpuInfo().defaultVCpus() == null ? 0 : t.vCpuInfo().defaultVCpus(),
        t.memoryInfo() == null || t.memoryInfo().sizeInMiB() == null ? 0 : t.memoryInfo().sizeInMiB(),
        Boolean.TRUE.equals(t.currentGeneration()), Boolean.TRUE.equals(t.freeTierEligible()));
  }

  /** "t3" of "t3.micro": types list by family, then size. */
  String family() {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** "t3.micro · 2 vCPU · 1 GiB memory". */
  String label() {
    String memory = memoryMib % 1024 == 0 ? memoryMib / 1024 + " GiB" : String.format("%.1f GiB", memoryMib / 1024.0);
    return name + " · " + vcpus + " vCPU · " + memory + (freeTier ? " · free tier" : "");
  }
}
