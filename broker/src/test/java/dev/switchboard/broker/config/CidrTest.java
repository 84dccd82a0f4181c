package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "10.1.2.3/8, 10.0.0.0/8",
        "169.254.169.254, 169.254.169.254/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "fe80::/10, fe80:0:0:0:0:0:0:0/10",
        "fd00:ec2::254, fd00:ec2:0:0:0:0:0:254/128",
        "::/0, 0:0:0:0:0:0:0:0/0",
    })
    void parsesIpv4AndIpv6Networks(String text, String normalised) {
        assertThat(Cidr.parse(text)).hasToString(normalised);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "169.254.0.0/16, 169.254.169.254, true",
        "169.254.0.0/16, 169.255.0.1, false",
        "10.0.0.0/8, 10.255.255.255, true",
        "fe80::/10, fe80::1, true",
        "fe80::/10, febf::1, true",
        "fe80::/10, fec0::1, false",
        "10.0.0.0/8, ::1, false",
        "::/0, 10.0.0.1, false",
    })
    void containsOnlyAddressesInItsNetworkAndFamily(String cidr, String address, boolean contained) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.0.0/33",
                "10.0.0/8",
                "256.0.0.0/8",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/8/8",
                "example.com",
                "localhost",
                "fe80::/129",
                "fe80:::1/64",
                "::ffff:10.0.0.1/96",
                "fe80::1%eth0"
            })
    void rejectsWhatIsNotAnAddressLiteralWithAPrefix(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
