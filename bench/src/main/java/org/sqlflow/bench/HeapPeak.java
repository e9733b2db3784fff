package org.sqlflow.bench;

import static java.util.Objects.requireNonNull;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Peak heap use of a JVM between {@link #reset()} and {@link #peakBytes()}: the sum of the heap
 * pools' peaks (an upper bound of the true peak, since pools peak at different moments). Works on
 * this JVM and, through the attach API's local JMX agent, on another one of ours.
 */
final class HeapPeak implements AutoCloseable {
  private final MemoryMXBean memory;
  private final List<MemoryPoolMXBean> heapPools;
  private final AutoCloseable connection;

  private HeapPeak(MemoryMXBean memory, List<MemoryPoolMXBean> pools, AutoCloseable connection) {
    this.memory = requireNonNull(memory, "memory");
    this.heapPools = pools.stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    this.connection = connection;
  }

  static HeapPeak ofThisJvm() {
    return new HeapPeak(
        ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans(), () -> {});
  }

  // The JMX address comes from the local management agent of a process this harness started.
  @SuppressWarnings("BanJNDI")
  static HeapPeak ofProcess(long pid) throws IOException {
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (com.sun.tools.attach.AttachNotSupportedException e) {
      throw new IOException("cannot attach to process " + pid + ": " + e.getMessage(), e);
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MBeanServerConnection server = connector.getMBeanServerConnection();
    try {
      List<MemoryPoolMXBean> pools = new ArrayList<>();
      for (ObjectName name :
          server.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
        pools.add(
            ManagementFactory.newPlatformMXBeanProxy(
                server, name.toString(), MemoryPoolMXBean.class));
      }
      MemoryMXBean memory =
          ManagementFactory.newPlatformMXBeanProxy(
              server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
      return new HeapPeak(memory, pools, connector);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects garbage, then starts a new peak from what is live. */
  void reset() {
    memory.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  /**
   * The old generation's peak: what survived young collections. A server that streams keeps this
   * flat however many rows pass through; one that buffers a result grows it.
   */
  long oldGenerationPeakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Heap in use after a full collection: what the JVM keeps, not what it churned through. */
  long liveBytes() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
