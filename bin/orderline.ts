#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { DEFAULT_THROTTLE } from '../lib/platform/http-api';
import { OrderlineStack } from '../lib/orderline-stack';
import { stackContext } from '../lib/platform/stack-context';

const app = new App();
const context = stackContext((key) => app.node.tryGetContext(key), DEFAULT_THROTTLE);
new OrderlineStack(app, `Orderline-${context.stage}`, context);
