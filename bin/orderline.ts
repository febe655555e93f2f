#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { OrderlineStack } from '../lib/orderline-stack';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
new OrderlineStack(app, `Orderline-${stage}`, { stage });
