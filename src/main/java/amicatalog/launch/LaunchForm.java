package amicatalog.launch;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The launch form as submitted: raw text, so a refused form shows back exactly what was typed.
 * {@code nonce} is set only on the confirmation step: it is what makes one confirmation one launch.
 */
record LaunchForm(String instanceType, String count, String subnetId, List<String> securityGroupIds,
    String keyName, String name, String rootVolumeGiB, String nonce, String account) {
  static final String TYPE = "instanceType";
  static final String COUNT = "count";
  static final String SUBNET = "subnetId";
  static final String GROUPS = "securityGroupId";
  static final String KEY = "keyName";
  static final String NAME = "name";
  static final String ROOT = "rootVolumeGiB";
  static final String NONCE = "nonce";
  /** The account to act in (one of the catalog's that sees the image); blank: the default one. */
  static final String ACCOUNT = "account";
  /** Longer than any valid value; anything beyond is cut before it is echoed or logged. */
  private static final int LONGEST = 300;
  private static final int MOST_GROUPS = 20;

  static LaunchForm fromForm(Context ctx) {
    return read(ctx::formParam, ctx::formParams);
  }

  /** The form as a "change" link prefills it, or null when the URL names no choices. */
  static LaunchForm fromQuery(Context ctx) {
    return ctx.queryParam(TYPE) == null ? null : read(ctx::queryParam, ctx::queryParams).withNonce("");
  }

  private static LaunchForm read(Function<String, String> one, Function<String, List<String>> many) {
    List<String> groups = many.apply(GROUPS).stream().map(LaunchForm::clean).filter(g -> !g.isEmpty())
        .distinct().limit(MOST_GROUPS).toList();
    return new LaunchForm(clean(one.apply(TYPE)), clean(one.apply(COUNT)), clean(one.apply(SUBNET)), groups,
        clean(one.apply(KEY)), clean(one.apply(NAME)), clean(one.apply(ROOT)), clean(one.apply(NONCE)), clean(one.apply(ACCOUNT)));
  }

  static LaunchForm defaults(InstanceType type, AccountResources account, RootVolume root) {
    var subnet = account.defaultSubnet();
    List<String> groups = subnet.flatMap(s -> account.defaultGroup(s.vpcId())).map(g -> List.of(g.id())).orElse(List.of());
    // A lone key pair is almost surely the one to use; among several, choosing is left to the person.
    String key = account.keyNames().size() == 1 ? account.keyNames().get(0) : "";
    return new LaunchForm(type == null ? "" : type.name(), "1", subnet.map(AccountResources.Subnet::id).orElse(""),
        groups, key, "", root == null ? "" : String.valueOf(root.gib()), "", "");
  }

  LaunchForm withNonce(String nonce) {
    return new LaunchForm(instanceType, count, subnetId, securityGroupIds, keyName, name, rootVolumeGiB, nonce, account);
  }

  /** The same choices, to be made in this account (its id; "" where the catalog acts in no account, as the demo). */
  LaunchForm withAccount(String accountId) {
    return new LaunchForm(instanceType, count, subnetId, securityGroupIds, keyName, name, rootVolumeGiB, nonce,
        accountId == null ? "" : accountId);
  }

  /** Every field as hidden inputs, so the confirmation submits exactly what was checked. */
  List<HiddenField> hidden() {
    List<HiddenField> fields = new ArrayList<>(List.of(new HiddenField(TYPE, instanceType), new HiddenField(COUNT, count),
        new HiddenField(SUBNET, subnetId), new HiddenField(KEY, keyName), new HiddenField(NAME, name),
        new HiddenField(ROOT, rootVolumeGiB), new HiddenField(NONCE, nonce), new HiddenField(ACCOUNT, account)));
    securityGroupIds.forEach(g -> fields.add(new HiddenField(GROUPS, g)));
    return fields;
  }

  /** The form's choices as a query string, for "change something" links back to the form. */
  String query() {
    StringBuilder q = new StringBuilder();
    for (HiddenField f : hidden()) {
      if (f.name().equals(NONCE)) continue;
      q.append(q.length() == 0 ? "?" : "&").append(f.name()).append('=').append(URLEncoder.encode(f.value(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** The form as typed, for the launch log of a refused check. */
  String json() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(TYPE, instanceType);
    m.put(COUNT, count);
    m.put(SUBNET, subnetId);
    m.put("securityGroupIds", securityGroupIds);
    m.put(KEY, keyName);
    m.put(NAME, name);
    m.put(ROOT, rootVolumeGiB);
    if (!account.isEmpty()) m.put(ACCOUNT, account);
    return amicatalog.common.Json.write(m);
  }

  private static String clean(String value) {
    if (value == null) return "";
    String v = value.strip();
    return v.length() > LONGEST ? v.substring(0, LONGEST) : v;
  }
}
