/**
 * Larder's Slack bot: a stateless adapter between Slack (Bolt) and the backend's REST API.
 * It owns no domain tables.
 */
package dev.larder.slack;
