// A stand-in for the IGL Server JVM (WildFly is not packaged in Debian): started with a command
// line like WildFly's, it runs a few named threads, one of them blocked on a monitor another holds,
// so that `jcmd PID Thread.print -l` shows what a support engineer looks for in a real dump.
public class IglServerStandIn {
    private static final Object CAMPAIGN_LOCK = new Object();

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        Thread holder = new Thread(() -> {
            synchronized (CAMPAIGN_LOCK) {
                sleepForever();
            }
        }, "EE-ManagedExecutorService-default-Thread-6");
        holder.setDaemon(true);
        holder.start();
        Thread.sleep(100);
        Thread waiter = new Thread(() -> {
            synchronized (CAMPAIGN_LOCK) {
                System.out.println("never");
            }
        }, "default task-23");
        waiter.setDaemon(true);
        waiter.start();
        System.out.println("IGL stand-in ready");
        System.out.flush();
        sleepForever();
    }
}
