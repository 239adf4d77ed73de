package dev.larder.backend.slack.service;

import dev.larder.backend.approval.service.ApprovalService;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.security.Caller;
import dev.larder.backend.security.Roles;
import dev.larder.backend.slack.domain.SlackApprovalMessage;
import dev.larder.backend.slack.domain.SlackSubscription;
import dev.larder.backend.slack.repository.SlackApprovalMessageRepository;
import dev.larder.backend.slack.repository.SlackSubscriptionRepository;
import dev.larder.backend.slack.service.SlackViews.ApprovalMessageView;
import dev.larder.backend.slack.service.SlackViews.MessageRef;
import dev.larder.backend.slack.service.SlackViews.NewSubscription;
import dev.larder.backend.slack.service.SlackViews.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the stateless Slack bot needs remembered: where each approval request's message is (to update it in place)
 * and which channels hear a datastore's notices. The bot owns no tables; it keeps this here, through the API.
 */
@ApplicationScoped
public class SlackService {

    /** A conversation id as Slack gives it (public or private channel); names change, ids do not. */
    static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,30}");
    static final Pattern TS = Pattern.compile("[0-9]{1,12}\\.[0-9]{1,9}");

    @Inject
    SlackApprovalMessageRepository messages;

    @Inject
    SlackSubscriptionRepository subscriptions;

    @Inject
    ApprovalService approvals;

    @Inject
    DatastoreTargets targets;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Transactional
    public ApprovalMessageView recordApprovalMessage(long approvalId, MessageRef ref) {
        if (!caller.isPlatformAdmin() && !caller.inGroup(Roles.SLACK_BOT)) {
            throw ProblemException.forbidden("Only the Slack bot (role " + Roles.SLACK_BOT + ") or a platform-admin"
                    + " may record where an approval request was posted.");
        }
        String channel = channel("channel", ref == null ? null : ref.channel());
        if (ref.ts() == null || !TS.matcher(ref.ts()).matches()) {
            throw ProblemException.invalid("ts", "slack.ts", "must be a Slack message timestamp like 1712345678.000100");
        }
        approvals.get(approvalId);
        SlackApprovalMessage message = messages.findByIdOptional(approvalId).orElse(null);
        boolean created = message == null;
        if (created) {
            message = new SlackApprovalMessage();
            message.approvalId = approvalId;
        }
        message.channel = channel;
        message.ts = ref.ts();
        message.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (created) {
            messages.persist(message);
        }
        return view(message);
    }

    @Transactional
    public ApprovalMessageView approvalMessage(long approvalId) {
        return messages.findByIdOptional(approvalId).map(SlackService::view)
                .orElseThrow(() -> ProblemException.notFound("Slack message of approval request", approvalId));
    }

    /** Subscribes a channel to a datastore's notices; subscribing again answers the existing subscription. */
    @Transactional
    public SubscriptionView subscribe(NewSubscription request) {
        if (request == null || request.datastoreId() == null) {
            throw ProblemException.invalid("datastoreId", "required", "the datastore whose notices to send");
        }
        String channel = channel("channel", request.channel());
        var target = targets.target(request.datastoreId());
        targets.requireOwner(target, "subscribe a channel to its notices");
        SlackSubscription subscription = subscriptions.find(target.datastoreId(), channel).orElse(null);
        if (subscription == null) {
            subscription = new SlackSubscription();
            subscription.datastoreId = target.datastoreId();
            subscription.channel = channel;
            subscription.createdBy = caller.name();
            subscription.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            subscriptions.persist(subscription);
            audit.record("slack.subscribed", "datastore", target.datastoreId(), Map.of("channel", channel));
        }
        return view(subscription);
    }

    @Transactional
    public List<SubscriptionView> subscriptions(long datastoreId) {
        return subscriptions.ofDatastore(datastoreId).stream().map(SlackService::view).toList();
    }

    @Transactional
    public void unsubscribe(long subscriptionId) {
        SlackSubscription subscription = subscriptions.findByIdOptional(subscriptionId)
                .orElseThrow(() -> ProblemException.notFound("Subscription", subscriptionId));
        targets.requireOwner(targets.target(subscription.datastoreId), "unsubscribe a channel from its notices");
        subscriptions.delete(subscription);
        audit.record("slack.unsubscribed", "datastore", subscription.datastoreId,
                Map.of("channel", subscription.channel));
    }

    private static String channel(String field, String channel) {
        if (channel == null || !CHANNEL_ID.matcher(channel).matches()) {
            throw ProblemException.invalid(field, "slack.channel-id",
                    "must be a Slack channel id like C0123ABCD (Slack passes it with the channel mention)");
        }
        return channel;
    }

    private static ApprovalMessageView view(SlackApprovalMessage message) {
        return new ApprovalMessageView(message.approvalId, message.channel, message.ts, message.updatedAt);
    }

    private static SubscriptionView view(SlackSubscription subscription) {
        return new SubscriptionView(subscription.id, subscription.datastoreId, subscription.channel,
                subscription.createdBy, subscription.createdAt);
    }
}
