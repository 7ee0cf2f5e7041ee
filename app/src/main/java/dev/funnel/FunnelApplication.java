package dev.funnel;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Funnel: one jar plus PostgreSQL. The theme comes from the themes jar (META-INF/resources/themes/funnel). */
@SpringBootApplication
@Theme("funnel")
@Push
public class FunnelApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FunnelApplication.class);
        if (Arrays.asList(args).contains("--demo")) {
            // '--demo' alone (no '=true') is what the README promises; Spring would read it as an empty value
            System.setProperty("funnel.demo", "true");
        }
        // Spring Security discovers a single sign-on provider and fetches its keys with HttpURLConnection and no
        // time limit: a provider that accepts the connection and never answers would hold a thread for ever
        setUnlessGiven("sun.net.client.defaultConnectTimeout", "5000");
        setUnlessGiven("sun.net.client.defaultReadTimeout", "10000");
        application.run(args);
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
