package amicatalog.sync;

import amicatalog.aws.Account;
import amicatalog.aws.Accounts;
import amicatalog.aws.AwsAccess;
import amicatalog.aws.Ec2Errors;
import amicatalog.image.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a run lists (and how many AWS calls it has made since it was planned, for /sync), as (account, region) parts, each with the scopes it lists one after another.
 * Each account lists what answers differently per account (its own images, those shared with it,
 * its instances) in each of its regions; the public scopes answer the same everywhere and are
 * listed once a region, by the first account that reaches it. An account that cannot be reached
 * (its role refused, its regions not listed) keeps its part with the reason: its listings are
 * recorded as failed, and remove nothing.
 */
public record SyncPlan(List<Part> parts, List<Account> accounts, String organizationId, java.util.function.LongSupplier awsCalls) {

  /** One account's listings in one region ({@code account} null: a source of no account), or why it cannot list. */
  public record Part(String account, String region, List<Scope> scopes, ImageSource source, String failure) {}

  public SyncPlan {
    parts = List.copyOf(parts);
    accounts = List.copyOf(accounts);
  }

  /** A source of no account in these regions (an import, the demo, the bench). */
  public static SyncPlan of(List<String> regions, Set<Scope> scopes, ImageSource source) {
    return new SyncPlan(regions.stream().map(r -> new Part(null, r, List.copyOf(scopes), source, null)).toList(), List.of(), null, () -> 0);
  }

  /** Every account of {@code accounts} in {@code regions} (empty: each account's enabled regions). */
  public static SyncPlan of(Accounts accounts, List<String> regions, Set<Scope> scopes, List<String> communityOwners) {
    long callsBefore = accounts.calls();
    if (!accounts.several() && scopes.stream().noneMatch(Scope::isPerAccount)) {
      // Public listings of the credentials' own account alone: they answer the same for any account,
      // so none is named (and none asked of STS: an endpoint that speaks EC2 alone is enough).
      AwsAccess home = accounts.home();
      List<String> its = regions.isEmpty() ? home.enabledRegions() : regions;
      Ec2ImageSource source = new Ec2ImageSource(home, communityOwners);
      return new SyncPlan(its.stream().map(r -> new Part(null, r, List.copyOf(scopes), source, null)).toList(), List.of(),
          null, () -> accounts.calls() - callsBefore);
    }
    List<Account> listed = accounts.list();  // the Organization's members, asked now; throws if it cannot be
    List<Reached> reached = reachAll(accounts, listed, regions);
    Set<String> allRegions = new LinkedHashSet<>(regions);
    reached.forEach(r -> allRegions.addAll(r.regions()));
    if (allRegions.isEmpty()) allRegions.add(AwsAccess.homeRegion());

    List<Scope> perAccount = scopes.stream().filter(Scope::isPerAccount).toList();
    List<Scope> shared = scopes.stream().filter(s -> !s.isPerAccount()).toList();
    Set<String> publicListed = new java.util.HashSet<>();
    List<Part> parts = new ArrayList<>();
    for (Reached r : reached) {
      if (r.failure() != null) {
        // Its listings fail where it would have listed: the regions asked for, else every region of the run.
        for (String region : regions.isEmpty() ? allRegions : regions) {
          parts.add(new Part(r.account().id(), region, perAccount, null, r.failure()));
        }
        continue;
      }
      Ec2ImageSource source = new Ec2ImageSource(accounts.access(r.account()), communityOwners);
      for (String region : r.regions()) {
        List<Scope> its = new ArrayList<>(perAccount);
        if (publicListed.add(region)) its.addAll(shared);
        parts.add(new Part(r.account().id(), region, List.copyOf(its), source, null));
      }
    }
    // Public scopes of a region no account reached: failed with the accounts' reasons, removing nothing.
    for (String region : allRegions) {
      if (!shared.isEmpty() && !publicListed.contains(region)) {
        String why = reached.stream().map(Reached::failure).filter(java.util.Objects::nonNull).findFirst()
            .orElse("no account lists " + region);
        parts.add(new Part(null, region, shared, null, why));
      }
    }
    return new SyncPlan(parts, listed, accounts.organizationId(), () -> accounts.calls() - callsBefore);
  }

  /** The regions of the run, in the order they are first listed. */
  public List<String> regions() {
    return parts.stream().map(Part::region).distinct().toList();
  }

  /** The scopes of the run. */
  public Set<Scope> scopes() {
    Set<Scope> all = java.util.EnumSet.noneOf(Scope.class);
    parts.forEach(p -> all.addAll(p.scopes()));
    return all;
  }

  private record Reached(Account account, List<String> regions, String failure) {}

  /** How many accounts are reached at once: each is two round trips to AWS, hundreds of accounts one by one took minutes. */
  static final int REACHED_AT_ONCE = 8;

  /** Every account reached ({@link #reach}), several at once, in the accounts' order. */
  private static List<Reached> reachAll(Accounts accounts, List<Account> listed, List<String> regions) {
    if (listed.size() == 1) return List.of(reach(accounts, listed.get(0), regions));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.min(REACHED_AT_ONCE, listed.size()), r -> {
          Thread t = new Thread(r, "reach-account");
          t.setDaemon(true);
          return t;
        });
    try {
      List<java.util.concurrent.Future<Reached>> pending = new ArrayList<>();
      for (Account account : listed) pending.add(pool.submit(() -> reach(accounts, account, regions)));
      List<Reached> reached = new ArrayList<>();
      for (var future : pending) reached.add(future.get());
      return reached;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reaching the accounts", e);
    } catch (java.util.concurrent.ExecutionException e) {  // reach says why an account fails; anything else is a bug
      throw new IllegalStateException("reaching an account failed: " + Indexer.describe(e), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Checks the account answers as itself and finds its regions; a failure says why, in one line. */
  private static Reached reach(Accounts accounts, Account account, List<String> regions) {
    try {
      accounts.check(account);
      return new Reached(account, regions.isEmpty() ? accounts.access(account).enabledRegions() : regions, null);
    } catch (SdkException e) {
      String how = account.roleArn() == null ? "with the catalog's own credentials" : "through " + account.roleArn();
      String why = Ec2Errors.noCredentials(e) ? Ec2Errors.NO_CREDENTIALS : Indexer.describe(e);
      return new Reached(account, List.of(), "account " + account.display() + " could not be reached " + how + ": " + why);
    } catch (RuntimeException e) {
      return new Reached(account, List.of(), "account " + account.display() + ": " + e.getMessage());
    }
  }
}
