package org.switchboard.mail.smtp;

import java.time.Duration;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/** James's handlers want a {@link MetricFactory}; we do not publish their metrics. */
final class NoMetrics implements MetricFactory {

    private static final Metric METRIC = new Metric() {
        public void increment() {
        }

        public void decrement() {
        }

        public void add(int value) {
        }

        public void remove(int value) {
        }

        public long getCount() {
            return 0;
        }
    };

    @Override
    public Metric generate(String name) {
        return METRIC;
    }

    @Override
    public TimeMetric timer(String name) {
        long start = System.nanoTime();
        return new TimeMetric() {
            public String name() {
                return name;
            }

            public ExecutionResult stopAndPublish() {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                return new ExecutionResult() {
                    public Duration elasped() {
                        return elapsed;
                    }

                    public ExecutionResult logWhenExceedP99(Duration threshold) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
