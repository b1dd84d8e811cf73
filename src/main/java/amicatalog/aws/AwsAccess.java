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
  private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
  private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
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
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.patience = patience;
  }

  public Patience patience() {
    return patience;
  }

  public Ec2Client ec2(String region) {
    return clients.computeIfAbsent(region, r -> {
      ClientOverrideConfiguration.Builder calls = ClientOverrideConfiguration.builder()
          .retryStrategy(RetryMode.ADAPTIVE_V2)
          .apiCallTimeout(Duration.ofMinutes(5))
          .apiCallAttemptTimeout(patience.attempt())
          .addExecutionInterceptor(new FailedCallLog())
          .addExecutionInterceptor(new RawImagePages());
      if (metrics != null) calls.addMetricPublisher(metrics);
      var builder = Ec2Client.builder()
          .region(Region.of(r))
          .httpClient(http)
          .credentialsProvider(credentials)
          .overrideConfiguration(calls.build());
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
    var builder = StsClient.builder().region(Region.of(homeRegion())).httpClient(http).credentialsProvider(credentials)
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(patience.attempt()).addExecutionInterceptor(new FailedCallLog()));
    if (endpoint != null) builder.endpointOverride(endpoint);
    try (StsClient sts = builder.build()) {
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

  /** AWS_REGION / the profile's region, else us-east-1: where account-wide calls go. */
  public static String homeRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (RuntimeException e) {
      return FALLBACK_REGION;
    }
  }

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
    http.close();
  }
}
