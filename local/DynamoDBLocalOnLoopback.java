// Starts Amazon's DynamoDB Local bound to 127.0.0.1 only, for craftkit_local/dynamodb_local.py.
//
// DynamoDBLocal.jar's own main() listens on every interface and has no flag to change that, so
// this launcher builds the same server from the same arguments, points its one Jetty connector
// at loopback before starting it, and never sets up the jar's telemetry. It also exits when its
// standard input closes, so a parent that dies without cleaning up leaves no JVM behind.
//
// Run in source-file mode (Java 11+): java -cp DynamoDBLocal.jar DynamoDBLocalOnLoopback.java ...

import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDBLocalOnLoopback {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        for (Connector connector : server.getConnectors()) {
            ((ServerConnector) connector).setHost("127.0.0.1");
        }
        proxy.start();
        System.out.println("DynamoDB Local listening on 127.0.0.1");

        // Block until the parent closes our stdin (or dies), then stop cleanly.
        while (System.in.read() != -1) {
            // Nothing is expected on stdin; anything sent is ignored.
        }
        proxy.stop();
        System.exit(0);
    }
}
