package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.Query;

class QueryStringTest {
  @Test
  void emptyQueryHasNoQueryString() {
    assertThat(QueryString.of(Query.all())).isEmpty();
  }

  @Test
  void repeatedKeysSubAttributeFiltersTagsFieldsAndLimitAreEncoded() {
    Query query =
        Query.builder()
            .where("fixed_ips", "ip_address=10.0.0.5")
            .where("fixed_ips", "subnet_id=S1")
            .ids(List.of("a", "b"))
            .tags("kuryr.net.uuid:1", "x y")
            .tagsAny("p", "q")
            .notTags("r")
            .notTagsAny("s", "t")
            .fields("id", "name")
            .pageSize(50)
            .build();

    assertThat(QueryString.of(query))
        .isEqualTo(
            "?fixed_ips=ip_address%3D10.0.0.5&fixed_ips=subnet_id%3DS1&id=a&id=b"
                + "&tags=kuryr.net.uuid%3A1,x+y&tags-any=p,q&not-tags=r&not-tags-any=s,t"
                + "&fields=id&fields=name&limit=50");
  }

  @Test
  void tagFiltersRefuseCommasAndEmptyTags() {
    assertThatThrownBy(() -> Query.builder().tags("a,b")).hasMessageContaining("comma");
    assertThatThrownBy(() -> Query.builder().tagsAny("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Query.builder().pageSize(0)).hasMessageContaining("positive");
  }
}
