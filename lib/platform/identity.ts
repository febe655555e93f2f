import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, Mfa, UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../functions/platform/domain/access';
import { acceptFinding } from './accepted-findings';

export type IdentityProps = {
  /** Another OIDC issuer (its `iss`), instead of the Cognito user pool this construct creates. */
  issuer?: string;
  /** The audiences a token of that issuer must name (`aud`, or `client_id` for access tokens). */
  audience?: string[];
};

/**
 * Who callers are: by default a Cognito user pool (sign-up by e-mail, a strong password policy,
 * optional TOTP MFA) with a public app client and the `admin` group; or, with `issuer` and
 * `audience`, any OIDC issuer. Either way the API's JWT authorizer trusts `issuer` for `audience`.
 */
export class Identity extends Construct {
  readonly issuer: string;
  readonly audience: string[];
  readonly userPool?: UserPool;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    if (props.issuer) {
      if (!props.audience?.length) throw new Error('an OIDC issuer needs an audience too: -c jwtIssuer=… -c jwtAudience=…');
      this.issuer = props.issuer;
      this.audience = props.audience;
      return;
    }
    const userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Accounts are customers' data: they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    const client = new UserPoolClient(this, 'ApiClient', {
      userPool,
      // A public client (a browser or a CLI): no secret it could not keep.
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    new UserPoolGroup(this, 'Admins', { userPool, groupName: ADMIN_GROUP, description: 'Orderline admins: catalogue, shipping, every order, figures' });
    acceptFinding(userPool, 'cognitoFeaturePlan');
    this.userPool = userPool;
    this.issuer = userPool.userPoolProviderUrl;
    this.audience = [client.userPoolClientId];
    new CfnOutput(scope, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(scope, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}
