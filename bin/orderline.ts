#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { composeApp } from './app';

composeApp(new App());
