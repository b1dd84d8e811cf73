package amicatalog.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * EC2 clients per region for one AWS account. Credentials, profile and region come from the SDK's
 * own conventions (default chain, AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL[_EC2]); an explicit
 * endpoint (an emulator such as moto) overrides them. Retries use the SDK's adaptive mode, which
 * backs off and rate-limits itself when EC2 throttles; each attempt is bounded by
 * {@link Patience#attempt()}, and every call that fails in the end is logged ({@link FailedCallLog}).
 */
public final class AwsAccess implements AutoCloseable {
  private static final String FALLBACK_REGION = "us-east-1";

  private final URI endpoint;
  private final SdkHttpClient http = UrlConnectionHttpClient.builder()
      .connectionTimeout(Duration.ofSeconds(10))
      .socketTimeout(Duration.ofSeconds(60))
      .build();
  private final AwsCredentialsProvider credentials;
  /** The STS client the credentials assume a role through; null for the default chain's. */
  private final StsClient assumingThrough;
  private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
  /** Every HTTP attempt to AWS (retries too), shared with the accounts reached from this one: /sync's count. */
  private final java.util.concurrent.atomic.LongAdder calls;
  private volatile String accountId;
  private volatile String callerArn;

  private final MetricPublisher metrics;
  private final Patience patience;

  /**
   * How long one HTTP attempt may take before it is abandoned (and retried), and how long a
   * listing waits out throttling that outlasts the SDK's retries before it fails: EC2 throttles in
   * storms that last tens of seconds when other tools of the account are busy.
   */
  public record Patience(Duration attempt, Duration throttling) {
    public static final Patience DEFAULT = new Patience(Duration.ofSeconds(60), Duration.ofMinutes(3));
  }

  public AwsAccess(URI endpoint) {
    this(endpoint, null, Patience.DEFAULT);
  }

  /** {@code metrics} hears of every call (its retries, whether it failed); may be null. */
  public AwsAccess(URI endpoint, MetricPublisher metrics, Patience patience) {
    this(endpoint, metrics, patience, DefaultCredentialsProvider.builder().build(), null,
        new java.util.concurrent.atomic.LongAdder());
  }

  private AwsAccess(URI endpoint, MetricPublisher metrics, Patience patience, AwsCredentialsProvider credentials,
      StsClient assumingThrough, java.util.concurrent.atomic.LongAdder calls) {
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.patience = patience;
    this.credentials = credentials;
    this.assumingThrough = assumingThrough;
    this.calls = calls;
  }

  /**
   * The same endpoint and patience acting in another account, through a role these credentials
   * assume (STS AssumeRole). The SDK's provider asks for new credentials before the old expire,
   * so a sync hours long never fails on expired ones; nothing is asked until the first call.
   */
  public AwsAccess assuming(String roleArn, String externalId) {
    StsClient sts = sts();
    var provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("ami-catalog").externalId(externalId))
        .build();
    return new AwsAccess(endpoint, metrics, patience, provider, sts, calls);
  }

  /** AWS calls made through this access and those reached from it, retries counted. */
  public long calls() {
    return calls.sum();
  }

  /**
   * The Organization's accounts, as these credentials (the management or a delegated administrator
   * account) may list them: organizations:ListAccounts, every page.
   */
  public List<OrganizationAccounts.Member> organizationAccounts() {
    return OrganizationAccounts.list(http, credentials, endpoint, patience.attempt(), calls);
  }

  private StsClient sts() {
    var builder = StsClient.builder().region(Region.of(homeRegion())).httpClient(http).credentialsProvider(credentials)
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(patience.attempt()).addExecutionInterceptor(new FailedCallLog())
            .addExecutionInterceptor(counting()));
    if (endpoint != null) builder.endpointOverride(endpoint);
    return builder.build();
  }

  private software.amazon.awssdk.core.interceptor.ExecutionInterceptor counting() {
    return new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
      @Override
      public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
          software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
        calls.increment();
      }
    };
  }

  public Patience patience() {
    return patience;
  }

  public Ec2Client ec2(String region) {
    return clients.computeIfAbsent(region, r -> {
      ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
          .retryStrategy(RetryMode.ADAPTIVE_V2)
          .apiCallTimeout(Duration.ofMinutes(5))
          .apiCallAttemptTimeout(patience.attempt())
          .addExecutionInterceptor(new FailedCallLog())
          .addExecutionInterceptor(new RawImagePages())
          .addExecutionInterceptor(counting());
      if (metrics != null) config.addMetricPublisher(metrics);
      var builder = Ec2Client.builder()
          .region(Region.of(r))
          .httpClient(http)
          .credentialsProvider(credentials)
          .overrideConfiguration(config.build());
      if (endpoint != null) builder.endpointOverride(endpoint);
      return builder.build();
    });
  }

  /** The account the credentials belong to (STS GetCallerIdentity), asked once. */
  public String accountId() {
    if (accountId == null) identify();
    return accountId;
  }

  /** The caller's ARN, for the record of who launched or copied what. */
  public String callerArn() {
    if (callerArn == null) identify();
    return callerArn;
  }

  private synchronized void identify() {
    try (StsClient sts = sts()) {
      var identity = sts.getCallerIdentity();
      accountId = identity.account();
      callerArn = identity.arn();
    }
  }

  /** Every region this account has enabled, from DescribeRegions. */
  public List<String> enabledRegions() {
    return ec2(homeRegion()).describeRegions(b -> b.filters(Filter.builder()
            .name("opt-in-status").values("opt-in-not-required", "opted-in").build()))
        .regions().stream().map(r -> r.regionName()).sorted().toList();
  }

  /**
   * AWS_REGION / the profile's region, else us-east-1: where account-wide calls go. Asked once a
   * process: off EC2 with no region configured, the chain's last step waits on the instance metadata
   * service for a second or more, and every account reached (an STS client each) paid that again.
   */
  public static String homeRegion() {
    String region = homeRegion;
    if (region == null) {
      try {
        region = new DefaultAwsRegionProviderChain().getRegion().id();
      } catch (RuntimeException e) {
        region = FALLBACK_REGION;
      }
      homeRegion = region;
    }
    return region;
  }

  private static volatile String homeRegion;

  /** Whether the default credential chain finds any credentials at all. */
  public static boolean credentialsAvailable() {
    try {
      DefaultCredentialsProvider.builder().build().resolveCredentials();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    clients.values().forEach(Ec2Client::close);
    if (credentials instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing held but a refresh thread, which closing stops
      }
    }
    if (assumingThrough != null) assumingThrough.close();
    http.close();
  }
}
