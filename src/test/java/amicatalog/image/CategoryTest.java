package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryTest {
  @Test
  void categoryFollowsWhatAwsSaysAndWhichScopesSawIt() {
    assertThat(Category.of(false, null, null, Scope.SELF.bit())).isEqualTo(Category.PRIVATE);
    assertThat(Category.of(true, null, null, Scope.SELF.bit())).isEqualTo(Category.PUBLIC);
    assertThat(Category.of(false, null, null, Scope.SHARED.bit())).isEqualTo(Category.SHARED);
    assertThat(Category.of(false, null, null, Scope.SHARED.bit() | Scope.SELF.bit())).isEqualTo(Category.PRIVATE);
    assertThat(Category.of(true, "amazon", null, Scope.AMAZON.bit())).isEqualTo(Category.PUBLIC);
    assertThat(Category.of(true, "aws-marketplace", null, Scope.MARKETPLACE.bit())).isEqualTo(Category.MARKETPLACE);
    assertThat(Category.of(true, null, "[{\"ProductCodeId\":\"x\",\"ProductCodeType\":\"marketplace\"}]", Scope.COMMUNITY.bit()))
        .isEqualTo(Category.MARKETPLACE);
    assertThat(Category.of(true, null, null, Scope.MARKETPLACE.bit())).isEqualTo(Category.MARKETPLACE);
  }
}
